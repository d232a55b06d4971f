using System.Diagnostics;
using System.Globalization;
using System.Text;
using Bot.Adapters.Tests.Telegram;
using Bot.IntegrationTests.Support;
using Xunit.Abstractions;
using static Bot.Adapters.Tests.Telegram.TelegramJson;

namespace Bot.Adapters.Tests.Reliability;

/// <summary>The bot as its own process (<c>dotnet Bot.Host.dll</c>), killed with SIGKILL in the middle of a long send.</summary>
public sealed class KillTests(ITestOutputHelper output) : TelegramBotTests
{
    private const int Replies = 30;
    private const int HeldReply = 15;
    [Fact]
    public async Task Killed_during_thirty_replies_to_one_group_and_started_again_every_reply_is_sent_once_but_the_one_in_flight()
    {
        Api.GroupMessagesPerMinute = 20;
        // Thirty /tiers (answered in the group) in one batch; the 15th answer is never acknowledged: the bot dies waiting.
        for (var i = 0; i < Replies; i++)
        {
            Api.Enqueue(MessageUpdate(500 + i, Message(100 + i, Group, User(8, "Bob"), "/tiers")));
        }

        Api.HoldWhen(c => c.Method == "sendMessage" && RepliedTo(c) == 100 + HeldReply - 1);
        var clock = Stopwatch.StartNew();
        using (var first = BotProcess.Start(Api, Db))
        {
            await Api.WaitForAsync("sendMessage", c => c.Held, seconds: 60);
            Assert.False(first.HasExited, first.Output);
            first.Kill();
        }

        var killedAt = clock.Elapsed;
        var doneBeforeKill = await ScalarAsync("select count(*) from outbox where done_at is not null and action->>'$action' = 'Reply'");
        using (var second = BotProcess.Start(Api, Db))
        {
            await Api.WaitForAsync("sendMessage", c => c.Refused is null && !c.Held && RepliedTo(c) == 100 + Replies - 1, seconds: 150);
            await Eventually.TrueAsync(async () => await ScalarAsync("select count(*) from outbox where done_at is null") == 0, TimeSpan.FromSeconds(30));
            second.Kill();
            output.WriteLine(second.Output.Length > 4000 ? second.Output[^4000..] : second.Output);
        }

        var sends = Api.CallsTo("sendMessage").Where(c => c.Number("chat_id") == Group && RepliedTo(c) is not null).ToList();
        var delivered = sends.Where(c => c.Refused is null).ToList();
        output.WriteLine($"killed after {killedAt.TotalSeconds:0.0} s with {doneBeforeKill} replies marked done; all {Replies} delivered after {clock.Elapsed.TotalSeconds:0.0} s; "
            + $"{sends.Count(c => c.Refused == 429)} answered 429 by the fake");

        Assert.Equal(HeldReply - 1, doneBeforeKill);
        var times = delivered.GroupBy(RepliedTo).ToDictionary(g => g.Key!.Value, g => g.Count());
        Assert.Equal(Enumerable.Range(100, Replies).Select(i => (long)i), times.Keys.Order());
        // Exactly once, but the one in flight at the kill: the platform took it, the bot never learnt so.
        Assert.All(times.Where(t => t.Key != 100 + HeldReply - 1), t => Assert.Equal(1, t.Value));
        Assert.Equal(2, times[100 + HeldReply - 1]);
        Assert.Equal(Replies, await ScalarAsync("select count(*) from processed_events where event_id like 'tg:%'"));
        Assert.Equal(0, await ScalarAsync("select count(*) from dead_letters"));
    }

    private static long? RepliedTo(ApiCall call) => call.Parameters["reply_parameters"]?["message_id"]?.GetValue<long>();

    /// <summary>The built bot (<c>Bot.Host.dll</c>, copied beside the tests) run by <c>dotnet</c>, configured through its environment.</summary>
    private sealed class BotProcess : IDisposable
    {
        private readonly Process _process;
        private readonly StringBuilder _output = new();

        private BotProcess(Process process) => _process = process;

        public bool HasExited => _process.HasExited;

        public string Output
        {
            get
            {
                lock (_output)
                {
                    return _output.ToString();
                }
            }
        }

        public static BotProcess Start(FakeBotApi api, string connectionString)
        {
            var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
            {
                WorkingDirectory = AppContext.BaseDirectory,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Bot.Host.dll"));
            foreach (var (key, value) in new Dictionary<string, string>
            {
                ["ConnectionStrings__Bot"] = connectionString,
                ["Urls"] = "http://127.0.0.1:0",
                ["Logging__LogLevel__Default"] = "Information",
                ["Telegram__BotToken"] = FakeBotApi.Token,
                ["Telegram__ApiBaseUrl"] = api.BaseUrl,
                ["Telegram__PollTimeoutSeconds"] = "1",
                ["Telegram__CommunityChatId"] = Group.ToString(CultureInfo.InvariantCulture),
                ["Telegram__MessagesPerSecondPerChat"] = "50",
                ["Telegram__MessagesPerMinutePerGroup"] = "20",
            })
            {
                start.Environment[key] = value;
            }

            var process = Process.Start(start)!;
            var bot = new BotProcess(process);
            process.OutputDataReceived += (_, e) => bot.Append(e.Data);
            process.ErrorDataReceived += (_, e) => bot.Append(e.Data);
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            return bot;
        }

        /// <summary>SIGKILL: no stop, no lease given back.</summary>
        public void Kill()
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(10_000);
            }
        }

        public void Dispose()
        {
            Kill();
            _process.Dispose();
        }

        private void Append(string? line)
        {
            lock (_output)
            {
                _output.AppendLine(line);
            }
        }
    }
}
