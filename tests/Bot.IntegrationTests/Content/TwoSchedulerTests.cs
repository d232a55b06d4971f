using System.Diagnostics;
using Bot.Adapters.Console;
using Bot.Adapters.Pipeline;
using Bot.Domain.Events;
using Bot.Domain.Model;
using Bot.Host.Features;
using Bot.IntegrationTests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Quartz;

namespace Bot.IntegrationTests.Content;

/// <summary>Two bot processes (two hosts, each with its own clustered Quartz scheduler) on one database publish each post once.</summary>
public sealed class TwoSchedulerTests
{
    private static readonly CommunityRef Community = new(Platform.Console, "local");

    [Fact]
    public async Task Two_schedulers_on_one_database_publish_each_post_once()
    {
        var database = await PostgresFixture.CreateDatabaseAsync();
        await using var a = await RunningHost.StartAsync(database);
        await using var b = await RunningHost.StartAsync(database);
        Assert.NotEqual(await a.SchedulerIdAsync(), await b.SchedulerIdAsync());

        const int posts = 6;
        var boss = new Member(new UserRef(Platform.Console, "boss"), "boss", IsPlatformOwner: true);
        var alice = new Member(new UserRef(Platform.Console, "alice"), "alice");
        await a.CommandAsync(boss, "staff", "channel staff");
        await a.CommandAsync(boss, "staff", "grant <@alice> specialist");
        for (var i = 1; i <= posts; i++)
        {
            await a.CommandAsync(alice, "post", $"new Post {i} | Body {i} | | general");
            await a.CommandAsync(alice, "post", $"submit {i}");
            // Half are approved through each host, so both schedulers hold triggers they did not create.
            await (i % 2 == 0 ? a : b).CommandAsync(boss, "post", $"approve {i} in 5s");
        }

        var clock = Stopwatch.StartNew();
        while (Sends(a, b).Count < posts && clock.Elapsed < TimeSpan.FromSeconds(60))
        {
            await Task.Delay(250);
        }

        await Task.Delay(TimeSpan.FromSeconds(3)); // room for a second, wrong publish to show up
        var sends = Sends(a, b);
        Assert.True(sends.Count == posts, string.Join('\n', a.Output.Lines.Concat(b.Output.Lines)));
        Assert.Equal(posts, sends.Select(s => s[(s.IndexOf("Post ", StringComparison.Ordinal) + 5)..].Split('*')[0]).Distinct().Count());
    }

    private static List<string> Sends(RunningHost a, RunningHost b) =>
        [.. a.Output.Lines.Concat(b.Output.Lines).Where(l => l.StartsWith("SendMessage", StringComparison.Ordinal))];

    /// <summary>
    /// A bot process without the console REPL (which would stop the host at the end of its input): the same
    /// Postgres, Quartz, pipeline and features as Program.Build, actions printed by the console executor.
    /// </summary>
    private sealed class RunningHost : IAsyncDisposable
    {
        private readonly WebApplication _app;
        private int _events;

        private RunningHost(WebApplication app, ConsoleScript.CapturedOutput output) => (_app, Output) = (app, output);

        public ConsoleScript.CapturedOutput Output { get; }

        public static async Task<RunningHost> StartAsync(string database)
        {
            var output = new ConsoleScript.CapturedOutput();
            var builder = WebApplication.CreateBuilder();
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["ConnectionStrings:Bot"] = database,
                ["Urls"] = "http://127.0.0.1:0",
                ["Logging:LogLevel:Default"] = "Warning",
            });
            builder.AddPostgres();
            builder.AddScheduling();
            builder.AddPipeline();
            builder.AddCore();
            builder.AddContent();
            builder.Services.AddSingleton<IConsoleOutput>(output);
            builder.Services.AddSingleton(new ConsoleOptions { OutputDir = ConsoleScript.OutputDir });
            builder.Services.AddSingleton<IActionExecutor, ConsoleExecutor>();
            var app = builder.Build();
            await app.StartAsync();
            return new RunningHost(app, output);
        }

        public async Task<string> SchedulerIdAsync() =>
            (await _app.Services.GetRequiredService<ISchedulerFactory>().GetScheduler()).SchedulerInstanceId;

        public Task CommandAsync(Member caller, string name, string arguments) =>
            _app.Services.GetRequiredService<IEventPipeline>().ProcessAsync(
                [new CommandInvoked($"two:{Guid.NewGuid():N}:{++_events}", Community, DateTimeOffset.UtcNow, "staff", caller, name, arguments)],
                CancellationToken.None);

        public async ValueTask DisposeAsync()
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }
}
