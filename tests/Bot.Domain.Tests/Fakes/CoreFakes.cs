using Bot.Domain.Audit;
using Bot.Domain.Community;
using Bot.Domain.Model;
using Bot.Domain.Staff;

namespace Bot.Domain.Tests.Fakes;

/// <summary>In-memory stand-ins for the core store ports, for data-in, data-out domain tests.</summary>
public sealed class InMemoryCore : ICommunityStore, IMemberStore, IStaffStore, IAuditLog
{
    public Dictionary<CommunityRef, CommunitySettings> Communities { get; } = [];

    public Dictionary<(CommunityRef, UserRef), MemberRecord> Members { get; } = [];

    public HashSet<(CommunityRef, UserRef, StaffRole)> Grants { get; } = [];

    public List<AuditEntry> Audit { get; } = [];

    public Task<CommunitySettings?> GetAsync(CommunityRef community, CancellationToken ct) =>
        Task.FromResult(Communities.GetValueOrDefault(community));

    public Task SaveAsync(CommunitySettings settings, CancellationToken ct)
    {
        Communities[settings.Community] = settings;
        return Task.CompletedTask;
    }

    public Task<MemberRecord?> GetAsync(CommunityRef community, UserRef user, CancellationToken ct) =>
        Task.FromResult(Members.GetValueOrDefault((community, user)));

    public Task<IReadOnlyList<MemberRecord>> MatchAsync(CommunityRef community, string name, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<MemberRecord>>([.. Members.Values.Where(m => m.Community == community &&
            (m.User.Id == name || string.Equals(m.Username, name, StringComparison.OrdinalIgnoreCase) || string.Equals(m.DisplayName, name, StringComparison.OrdinalIgnoreCase)))]);

    public Task SeenAsync(CommunityRef community, Member member, DateTimeOffset at, CancellationToken ct)
    {
        var existing = Members.GetValueOrDefault((community, member.User));
        Members[(community, member.User)] = new MemberRecord(
            community, member.User, member.DisplayName, member.Username, existing?.FirstSeen ?? at, at, existing?.JoinedAt, existing?.LeftAt, member.AccountCreatedAt);
        return Task.CompletedTask;
    }

    public Task JoinedAsync(CommunityRef community, Member member, DateTimeOffset at, CancellationToken ct)
    {
        Members[(community, member.User)] = new MemberRecord(community, member.User, member.DisplayName, member.Username, at, at, at, null, member.AccountCreatedAt);
        return Task.CompletedTask;
    }

    public Task LeftAsync(CommunityRef community, UserRef user, DateTimeOffset at, CancellationToken ct)
    {
        if (Members.TryGetValue((community, user), out var m))
        {
            Members[(community, user)] = m with { LeftAt = at };
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlySet<StaffRole>> GetGrantsAsync(CommunityRef community, UserRef user, CancellationToken ct) =>
        Task.FromResult<IReadOnlySet<StaffRole>>(Grants.Where(g => g.Item1 == community && g.Item2 == user).Select(g => g.Item3).ToHashSet());

    public Task<bool> GrantAsync(CommunityRef community, UserRef user, StaffRole role, UserRef by, CancellationToken ct) =>
        Task.FromResult(Grants.Add((community, user, role)));

    public Task<bool> RevokeAsync(CommunityRef community, UserRef user, StaffRole role, CancellationToken ct) =>
        Task.FromResult(Grants.Remove((community, user, role)));

    public Task<IReadOnlyList<(UserRef User, StaffRole Role)>> ListAsync(CommunityRef community, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<(UserRef, StaffRole)>>([.. Grants.Where(g => g.Item1 == community).Select(g => (g.Item2, g.Item3))]);

    public Dictionary<(CommunityRef, UserRef), IReadOnlySet<StaffRole>> PlatformRoles { get; } = [];

    public Task RememberPlatformRolesAsync(CommunityRef community, UserRef user, IReadOnlySet<StaffRole> roles, CancellationToken ct)
    {
        PlatformRoles[(community, user)] = roles;
        return Task.CompletedTask;
    }

    public Task<IReadOnlySet<StaffRole>> GetPlatformRolesAsync(CommunityRef community, UserRef user, CancellationToken ct) =>
        Task.FromResult(PlatformRoles.GetValueOrDefault((community, user)) ?? new HashSet<StaffRole>());

    public Task RecordAsync(AuditEntry entry, CancellationToken ct)
    {
        Audit.Add(entry);
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<AuditEntry>> RecentAsync(CommunityRef community, int limit, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<AuditEntry>>([.. Audit.Where(a => a.Community == community).TakeLast(limit)]);
}
