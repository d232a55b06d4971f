using System.Diagnostics;
using System.Globalization;
using System.Text;
using Bot.Domain.Faq;

namespace Bot.Bench;

/// <summary>
/// FAQ matching on a synthetic FAQ: entries with two Chinese and two English phrasings built from random
/// characters and words. Prints the index build time and questions matched per second.
/// Options: <c>[entries=500] [questions=20000]</c>.
/// </summary>
public sealed class FaqBench : IBenchVerb
{
    private const string Hanzi = "帳號密碼設定退款訂單出貨運費付款方式活動抽獎規則檢舉暱稱語言下載手機會員等級邀請獎勵積分禁言解除刪除資料客服時間地點報名講座比賽";
    private static readonly string[] Words =
    [
        "account", "password", "refund", "order", "shipping", "payment", "event", "lottery", "rules", "report", "nickname",
        "language", "download", "mobile", "member", "tier", "invite", "reward", "points", "mute", "delete", "data", "support", "contest",
    ];

    public string Name => "faq";

    public string Description => "FAQ index build time and questions matched per second";

    public Task RunAsync(string[] args)
    {
        var options = args.Select(a => a.Split('=', 2)).Where(p => p.Length == 2).ToDictionary(p => p[0], p => int.Parse(p[1], CultureInfo.InvariantCulture));
        var count = options.GetValueOrDefault("entries", 500);
        var total = options.GetValueOrDefault("questions", 20_000);
        var random = new Random(7);
        var entries = Enumerable.Range(1, count).Select(id => new FaqEntry(id,
            [Chinese(random, 6), Chinese(random, 8), "how do I " + English(random, 3), English(random, 4)], "answer", [])).ToList();
        var questions = Enumerable.Range(0, 1000).Select(i => i % 2 == 0 ? "請問" + Chinese(random, 7) + "嗎？" : "how can I " + English(random, 4) + "?").ToList();

        FaqIndex.Build(entries.Take(10)).Match(questions[0], new FaqOptions());
        var build = Stopwatch.StartNew();
        var index = FaqIndex.Build(entries);
        build.Stop();

        var settings = new FaqOptions();
        var answered = 0;
        var cpuStart = Process.GetCurrentProcess().TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < total; i++)
        {
            answered += index.Match(questions[i % questions.Count], settings).Confident ? 1 : 0;
        }

        watch.Stop();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuStart;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"faq: {count} entries ({index.Count} phrasings) built in {build.Elapsed.TotalMilliseconds:0.0} ms; {total / watch.Elapsed.TotalSeconds:0} questions/s ({watch.Elapsed.TotalMicroseconds / total:0} µs each), {answered} confident; "
            + $"{total / cpu.TotalSeconds:0} questions per CPU-second (the machine's load does not count)"));
        return Task.CompletedTask;
    }

    private static string Chinese(Random random, int length)
    {
        var text = new StringBuilder();
        for (var i = 0; i < length; i++)
        {
            text.Append(Hanzi[random.Next(Hanzi.Length)]);
        }

        return text.ToString();
    }

    private static string English(Random random, int words) => string.Join(' ', Enumerable.Range(0, words).Select(_ => Words[random.Next(Words.Length)]));
}
