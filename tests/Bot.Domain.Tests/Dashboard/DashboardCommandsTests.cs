using System.ComponentModel.DataAnnotations;
using Bot.Domain.Actions;
using Bot.Domain.Commands;
using Bot.Domain.Dashboard;
using Bot.Domain.Model;
using Bot.Domain.Staff;
using Bot.Domain.Tests.Fakes;

namespace Bot.Domain.Tests.Dashboard;

public sealed class DashboardCommandsTests
{
    private readonly InMemoryDashboardStore _store = new();
    private readonly InMemoryCore _core = new();

    private CommandRouter Router(bool enabled = true) => new(
        new CommandCatalog([new DashboardCommands(_store, new DashboardOptions { Enabled = enabled, PublicUrl = "https://bot.example.org/" })]),
        _core, _core, PermissionTable.Default, Bot.Domain.Tests.Fakes.FakeChatDirectory.Trusting());

    [Theory]
    [InlineData(StaffRole.Moderator)]
    [InlineData(StaffRole.Support)]
    [InlineData(StaffRole.Specialist)]
    [InlineData(StaffRole.Manager)]
    [InlineData(StaffRole.Owner)]
    public async Task Any_staff_role_gets_a_private_ten_minute_link_whose_hash_alone_is_stored(StaffRole role)
    {
        var command = TestContext.Command("bob", "dashboard", string.Empty);

        var actions = await Router().HandleAsync(TestContext.For(command, roles: role), default);

        var message = Assert.Single(actions.OfType<DirectMessage>());
        Assert.Equal("bob", message.User.Id);
        Assert.True(message.Sensitive);
        var token = message.Text[(message.Text.IndexOf("token=", StringComparison.Ordinal) + 6)..].Trim();
        Assert.StartsWith("https://bot.example.org/dashboard/login?token=", message.Text.Split('\n')[1], StringComparison.Ordinal);
        Assert.True(DashboardSecrets.IsWellFormed(token));
        Assert.True(Assert.Single(actions.OfType<Reply>()).Ephemeral);
        var (hash, who, expires) = Assert.Single(_store.Links);
        Assert.Equal(DashboardSecrets.Hash(token), hash);
        Assert.NotEqual(token, hash);
        Assert.Equal("bob", who.Member.User.Id);
        Assert.Equal(TestContext.Community, who.Community);
        Assert.Equal(TestContext.Start.AddMinutes(10), expires);
    }

    [Fact]
    public async Task Each_request_makes_a_new_link()
    {
        var router = Router();
        await router.HandleAsync(TestContext.For(TestContext.Command("bob", "dashboard", string.Empty), roles: StaffRole.Support), default);
        await router.HandleAsync(TestContext.For(TestContext.Command("bob", "dashboard", string.Empty), roles: StaffRole.Support), default);

        Assert.Equal(2, _store.Links.Select(l => l.Hash).Distinct().Count());
    }

    [Fact]
    public async Task Asked_in_a_private_chat_the_link_is_the_answer_itself()
    {
        var command = TestContext.Command("bob", "dashboard", string.Empty) with { IsDirect = true };

        var actions = await Router().HandleAsync(TestContext.For(command, roles: StaffRole.Manager), default);

        Assert.Contains("/dashboard/login?token=", Assert.IsType<Reply>(Assert.Single(actions)).Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("now")]
    [InlineData("@bob")]
    public async Task Anything_after_dashboard_answers_how_to_use_it_and_makes_no_link(string arguments)
    {
        var actions = await Router().HandleAsync(TestContext.For(TestContext.Command("bob", "dashboard", arguments), roles: StaffRole.Manager), default);

        var reply = Assert.IsType<Reply>(Assert.Single(actions));
        Assert.Contains("Usage: /dashboard", reply.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("token=", reply.Text, StringComparison.Ordinal);
        Assert.Empty(_store.Links);
    }

    [Fact]
    public async Task A_plain_member_is_refused_and_nothing_is_stored()
    {
        var actions = await Router().HandleAsync(TestContext.For(TestContext.Command("carol", "dashboard", string.Empty)), default);

        Assert.Contains("may not use /dashboard", Assert.IsType<Reply>(Assert.Single(actions)).Text, StringComparison.Ordinal);
        Assert.Empty(_store.Links);
    }

    [Fact]
    public async Task When_the_dashboard_is_off_it_says_so_and_makes_no_link()
    {
        var actions = await Router(enabled: false).HandleAsync(TestContext.For(TestContext.Command("bob", "dashboard", string.Empty), roles: StaffRole.Owner), default);

        Assert.Contains("Dashboard:Enabled", Assert.IsType<Reply>(Assert.Single(actions)).Text, StringComparison.Ordinal);
        Assert.Empty(_store.Links);
    }

    [Theory]
    [InlineData(true, "https://bot.example.org", null)]
    [InlineData(true, "http://127.0.0.1:8080", null)]
    [InlineData(true, "http://localhost:8080/", null)]
    [InlineData(false, null, null)]
    [InlineData(true, null, "Dashboard:PublicUrl is required")]
    [InlineData(true, "http://bot.example.org", "must use https")]
    [InlineData(true, "https://bot.example.org/?x=1", "without a query")]
    [InlineData(true, "ftp://bot.example.org", "absolute http(s) address")]
    public void Options_are_checked_naming_the_key(bool enabled, string? url, string? error)
    {
        var options = new DashboardOptions { Enabled = enabled, PublicUrl = url };
        var results = new List<ValidationResult>();

        var valid = Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);

        Assert.Equal(error is null, valid);
        if (error is not null)
        {
            Assert.Contains(error, Assert.Single(results).ErrorMessage, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Secrets_are_random_url_safe_and_hashed_one_way()
    {
        var a = DashboardSecrets.New();
        var b = DashboardSecrets.New();

        Assert.NotEqual(a, b);
        Assert.True(DashboardSecrets.IsWellFormed(a));
        Assert.False(DashboardSecrets.IsWellFormed(a[..42]));
        Assert.False(DashboardSecrets.IsWellFormed(a[..42] + "/"));
        Assert.Equal(64, DashboardSecrets.Hash(a).Length);
        Assert.Equal(DashboardSecrets.Hash(a), DashboardSecrets.Hash(a));
    }

    private sealed class InMemoryDashboardStore : IDashboardStore
    {
        public List<(string Hash, DashboardMember Who, DateTimeOffset Expires)> Links { get; } = [];

        public Task AddLinkAsync(string tokenHash, DashboardMember who, DateTimeOffset expiresAt, CancellationToken ct)
        {
            Links.Add((tokenHash, who, expiresAt));
            return Task.CompletedTask;
        }

        public Task<DashboardMember?> RedeemLinkAsync(string tokenHash, DateTimeOffset now, CancellationToken ct) => throw new NotSupportedException();

        public Task AddSessionAsync(string secretHash, DashboardMember who, DateTimeOffset expiresAt, CancellationToken ct) => throw new NotSupportedException();

        public Task<DashboardSession?> FindSessionAsync(string secretHash, DateTimeOffset now, CancellationToken ct) => throw new NotSupportedException();

        public Task RevokeSessionAsync(long id, CancellationToken ct) => throw new NotSupportedException();

        public Task<int> RevokeAllAsync(CommunityRef community, UserRef user, CancellationToken ct) => throw new NotSupportedException();
    }
}
