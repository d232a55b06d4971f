using Microsoft.Extensions.DependencyInjection;

namespace Bot.IntegrationTests.Core;

public sealed class ConsoleEndToEndTests
{
    [Fact]
    public async Task Help_staff_and_language_work_through_the_real_host()
    {
        var lines = await ConsoleScript.RunAsync(
            """
            alice: hello
            bob: hi
            bob: /staff list
            :staff alice owner
            alice: /staff grant @bob moderator
            alice: /settings language zh-TW
            bob: /help
            carol: /warn
            """);

        Assert.Contains(lines, l => l.StartsWith("Reply", StringComparison.Ordinal) && l.Contains("You may not use /staff list", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("bob is now moderator", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("我會在這裡使用 zh-TW", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("你可以使用的指令", StringComparison.Ordinal));
        Assert.All(lines, l => Assert.DoesNotContain("Error", l, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_malformed_console_line_is_reported_and_the_run_goes_on()
    {
        var lines = await ConsoleScript.RunAsync(
            """
            this line has no speaker
            alice: /help
            """);

        Assert.StartsWith("Error Did not understand", lines[0], StringComparison.Ordinal);
        Assert.StartsWith("Reply", lines[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_line_that_fails_is_reported_and_the_run_goes_on()
    {
        var lines = await ConsoleScript.RunAsync(
            """
            alice: boom
            alice: /help
            """,
            configure: b =>
            {
                b.Services.AddSingleton<Bot.Adapters.Pipeline.EventPipeline>();
                b.Services.AddSingleton<Bot.Adapters.Pipeline.IEventPipeline>(s => new FailsOnBoom(s.GetRequiredService<Bot.Adapters.Pipeline.EventPipeline>()));
            });

        Assert.True(lines.Count > 0 && lines[0].StartsWith("Error InvalidOperationException: that line failed (the database went away)", StringComparison.Ordinal), string.Join(" | ", lines));
        Assert.Contains(lines, l => l.StartsWith("Reply", StringComparison.Ordinal));
    }

    private sealed class FailsOnBoom(Bot.Adapters.Pipeline.IEventPipeline inner) : Bot.Adapters.Pipeline.IEventPipeline
    {
        public Task ProcessAsync(IReadOnlyList<Bot.Domain.Events.ChatEvent> events, CancellationToken ct) =>
            events.Any(e => e is Bot.Domain.Events.MessagePosted { Text: "boom" })
                ? throw new InvalidOperationException("the database went away")
                : inner.ProcessAsync(events, ct);
    }
}
