using Bot.Domain.Actions;
using Bot.Domain.Audit;
using Bot.Domain.Commands;
using Bot.Domain.Community;
using Bot.Domain.Events;
using Bot.Domain.Model;
using Bot.Domain.Staff;

namespace Bot.Domain.Tests.Tiering;

/// <summary>Runs a command line through the real router (parsing, permissions) to one handler.</summary>
internal sealed class CommandHarness(ICommandHandler handler, IMemberStore members)
{
    private int _next;

    public async Task<IReadOnlyList<BotAction>> RunAsync(
        string line, string caller, DateTimeOffset now, StaffRole[]? roles = null, IReadOnlyList<Attachment>? attachments = null)
    {
        var space = line.IndexOf(' ', StringComparison.Ordinal);
        var (name, arguments) = space < 0 ? (line[1..], string.Empty) : (line[1..space], line[(space + 1)..]);
        var command = new CommandInvoked(
            $"e{++_next}", World.Community, now, "general", World.Member(caller), name, arguments, $"m{_next}", Attachments: attachments);
        var router = new CommandRouter(new CommandCatalog([handler]), members, new NoAudit(), PermissionTable.Default, Bot.Domain.Tests.Fakes.FakeChatDirectory.Trusting());
        return await router.HandleAsync(World.Context(command, now, roles ?? []), CancellationToken.None);
    }

    public async Task<string> TextAsync(string line, string caller, DateTimeOffset now, StaffRole[]? roles = null, IReadOnlyList<Attachment>? attachments = null) =>
        Assert.IsType<Reply>(Assert.Single(await RunAsync(line, caller, now, roles, attachments))).Text;

    private sealed class NoAudit : IAuditLog
    {
        public Task RecordAsync(AuditEntry entry, CancellationToken ct) => Task.CompletedTask;

        public Task<IReadOnlyList<AuditEntry>> RecentAsync(CommunityRef community, int limit, CancellationToken ct) =>
            Task.FromResult<IReadOnlyList<AuditEntry>>([]);
    }
}
