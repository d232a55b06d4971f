using System.Diagnostics;
using System.Text.Json;
using Bot.Adapters.Telegram;
using Telegram.Bot;
using Telegram.Bot.Types;

namespace Bot.Bench;

/// <summary>
/// <c>telegram [updates]</c>: how fast the adapter reads updates (JSON → Telegram.Bot <see cref="Update"/> → domain
/// events, commands with mentions included), and what the rate limiter costs per message when it never has to wait.
/// </summary>
public sealed class TelegramBench : IBenchVerb
{
    public string Name => "telegram";

    public string Description => "Telegram update translation and rate-limiter overhead (200,000 updates, or the count given)";

    public Task RunAsync(string[] args)
    {
        var count = args.Length > 0 && int.TryParse(args[0], out var n) && n > 0 ? n : 200_000;
        var bodies = Enumerable.Range(1, 100).Select(Body).ToArray();
        var admins = new TelegramAdmins(new HashSet<long> { 1, 2, 3 }, 1);

        for (var round = 0; round < 2; round++)
        {
            var events = 0;
            var started = Stopwatch.GetTimestamp();
            for (var i = 0; i < count; i++)
            {
                var update = JsonSerializer.Deserialize<Update>(bodies[i % bodies.Length], JsonBotAPI.Options)!;
                events += UpdateTranslator.Translate(update, "community_bot", -1001, admins).Count;
            }

            var elapsed = Stopwatch.GetElapsedTime(started);
            Console.WriteLine($"{(round == 0 ? "warm-up" : "measured")}: {count:N0} updates → {events:N0} events in {elapsed.TotalMilliseconds:N0} ms ({count / elapsed.TotalSeconds:N0} updates/s)");
        }

        // Under the overall limit (1,000 a second at most) and spread over chats, nothing waits: this is the bookkeeping.
        var limiter = new TelegramRateLimiter(new TelegramOptions { RequestsPerSecond = 1000 }, TimeProvider.System);
        var limiterStarted = Stopwatch.GetTimestamp();
        for (var i = 0; i < 900; i++)
        {
            limiter.WaitAsync(-i - 1, CancellationToken.None).GetAwaiter().GetResult();
        }

        var perSend = Stopwatch.GetElapsedTime(limiterStarted).TotalMicroseconds / 900;
        Console.WriteLine($"rate limiter: {perSend:N1} µs per message when no limit is reached");
        return Task.CompletedTask;
    }

    private static string Body(int i) => i % 3 == 0
        ? $$$"""{"update_id":{{{i}}},"message":{"message_id":{{{i}}},"date":1764057600,"chat":{"id":-1001,"type":"supergroup","title":"C"},"from":{"id":{{{i}}},"is_bot":false,"first_name":"U{{{i}}}"},"text":"/warn Bob spamming links","entities":[{"type":"bot_command","offset":0,"length":5},{"type":"text_mention","offset":6,"length":3,"user":{"id":9,"is_bot":false,"first_name":"Bob"}}]}}"""
        : $$$"""{"update_id":{{{i}}},"message":{"message_id":{{{i}}},"date":1764057600,"chat":{"id":-1001,"type":"supergroup","title":"C"},"from":{"id":{{{i}}},"is_bot":false,"first_name":"U{{{i}}}","username":"u{{{i}}}"},"text":"hello everyone, 大家好 — message {{{i}}}"}}""";
}
