using System.Text;
using Bot.Adapters.Pipeline;
using Bot.Domain.Actions;
using Bot.Domain.Commands;
using Bot.Domain.Events;
using Bot.Domain.Model;
using Bot.Domain.Staff;
using Microsoft.Extensions.DependencyInjection;

namespace Bot.IntegrationTests.Privacy;

/// <summary>The README's command table is generated from the declarations, and every staff command is refused to a member.</summary>
public sealed class PermissionsTableTests
{
    private const string Start = "<!-- commands:start -->";
    private const string End = "<!-- commands:end -->";

    private static IEnumerable<(string Path, CommandSpec Spec)> Leaves(CommandSpec spec, string path) =>
        spec.Children.Count == 0 ? [(path, spec)] : spec.Children.SelectMany(c => Leaves(c, $"{path} {c.Name}"));

    private static async Task<List<(string Path, CommandSpec Spec)>> AllCommandsAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        var catalog = scope.ServiceProvider.GetRequiredService<CommandCatalog>();
        return [.. catalog.All.SelectMany(s => Leaves(s, s.Name))];
    }

    [Fact]
    public async Task Readme_lists_every_command_and_who_may_run_it()
    {
        var (app, _) = await TestHost.StartAsync();
        await using (app)
        {
            var table = new StringBuilder("| Command | Who may run it |\n| --- | --- |\n");
            foreach (var (path, spec) in await AllCommandsAsync(app.Services))
            {
                var who = spec.Permission == Permission.Everyone
                    ? "every member"
                    : string.Join(", ", PermissionTable.Default.RolesWith(spec.Permission).Select(r => r.ToString().ToLowerInvariant()));
                table.Append(System.Globalization.CultureInfo.InvariantCulture, $"| `{spec.Usage(path).Replace("|", "\\|", StringComparison.Ordinal)}` | {who} |\n");
            }

            var readmePath = Path.Combine(RepositoryRoot(), "README.md");
            var readme = await File.ReadAllTextAsync(readmePath);
            var begin = readme.IndexOf(Start, StringComparison.Ordinal);
            var end = readme.IndexOf(End, StringComparison.Ordinal);
            Assert.True(begin >= 0 && end > begin, "README.md lacks the command table markers");
            var current = readme[(begin + Start.Length)..end].Trim();
            if (Environment.GetEnvironmentVariable("UPDATE_README") == "1")
            {
                await File.WriteAllTextAsync(readmePath, readme[..(begin + Start.Length)] + "\n" + table + readme[end..]);
                return;
            }

            Assert.True(current == table.ToString().Trim(), "README command table is stale; run the tests with UPDATE_README=1 to regenerate it.");
        }
    }

    [Fact]
    public async Task Every_staff_command_is_refused_to_a_plain_member_and_changes_nothing()
    {
        var (app, executor) = await TestHost.StartAsync();
        await using (app)
        {
            var pipeline = app.Services.GetRequiredService<IEventPipeline>();
            var community = new CommunityRef(Platform.Console, "perm");
            var staffCommands = (await AllCommandsAsync(app.Services)).Where(c => c.Spec.Permission != Permission.Everyone).ToList();
            Assert.NotEmpty(staffCommands);
            foreach (var (path, _) in staffCommands)
            {
                // A member of their own for each: one member's refusals are answered once a minute.
                var member = new Member(new UserRef(Platform.Console, "plain " + path), "plain", "plain");
                var words = path.Split(' ', 2);
                var before = executor.Executed.Count;
                await pipeline.ProcessAsync(
                    [new CommandInvoked($"perm:{path}", community, DateTimeOffset.UtcNow, "general", member, words[0], words.Length > 1 ? words[1] + " @plain 1 x" : "@plain 1 x", "m1")], default);
                var actions = executor.Executed.Skip(before).ToList();
                var reply = Assert.IsType<Reply>(Assert.Single(actions));
                Assert.Contains($"may not use /{path}", reply.Text, StringComparison.Ordinal);
            }
        }
    }

    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "CommunityBot.sln")))
        {
            dir = dir.Parent;
        }

        return dir!.FullName;
    }
}
