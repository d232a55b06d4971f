using Bot.Domain.Actions;
using Bot.Domain.Staff;

namespace Bot.IntegrationTests.Dashboard;

/// <summary>A manager's week in a real headless Chromium: sign in from the link, read the figures and chart, approve a post, answer a ticket.</summary>
public sealed class DashboardBrowserTests
{
    [Fact]
    public async Task A_manager_signs_in_from_the_link_reads_figures_approves_a_post_and_answers_a_ticket()
    {
        await using var host = await DashboardHost.StartAsync();
        await host.GrantAsync("alice", StaffRole.Specialist);
        await host.GrantAsync("bob", StaffRole.Manager);
        await host.SayCommandAsync("bob", "staff", "channel staff", channel: "staff");
        await host.SayCommandAsync("alice", "post", "new Weekly AMA | Ask the team anything on Friday | events | general");
        await host.SayCommandAsync("alice", "post", "submit 1");
        await host.SayCommandAsync("bob", "faq", "add how do I reset my password | 忘記密碼 => Settings → Account → Reset password.");
        await host.SayCommandAsync("bob", "rule", "add keyword casino delete");
        await host.SayCommandAsync("carol", "ticket", "open my order is late");
        await host.GrantAsync("mo", StaffRole.Moderator);
        await host.SayAsync("dave", "cheap casino chips here");
        await host.SayAsync("erin", "hello everyone");
        await host.SayCommandAsync("mo", "warn", "erin off-topic advertising");
        await host.SayCommandAsync("erin", "appeal", "2 I was answering a question about events", direct: true);
        var token = await host.LinkTokenAsync("bob");

        await using var chromium = await HeadlessChromium.StartAsync();
        await chromium.OpenAsync($"{host.BaseUrl}/dashboard/content"); // no session yet
        Assert.EndsWith("/dashboard/signin", await chromium.UrlAsync(), StringComparison.Ordinal);
        await chromium.ScreenshotForAsync("signin");

        await chromium.OpenAsync($"{host.BaseUrl}/dashboard/login?token={token}");
        await chromium.ClickAsync("#sign-in");
        await chromium.WaitForUrlAsync("/dashboard");
        var figures = await chromium.TextsAsync("#figures li");
        Assert.Contains(figures, f => f.StartsWith("Members", StringComparison.Ordinal));
        Assert.True(figures.Count >= 5, string.Join(" / ", figures));
        Assert.StartsWith("data:image/png;base64,", (await chromium.EvaluateAsync("document.querySelector('#trend-chart').src")).GetString(), StringComparison.Ordinal);
        Assert.True((await chromium.EvaluateAsync("document.querySelector('#trend-chart').naturalWidth")).GetInt32() > 100, "the chart decoded");
        await chromium.ScreenshotForAsync("overview");

        await chromium.ClickAsync("nav a[href='/dashboard/content']");
        Assert.Contains("Weekly AMA", await chromium.TextAsync("article[data-post='1']"), StringComparison.Ordinal);
        await chromium.ScreenshotForAsync("content");
        await chromium.TypeAsync("article[data-post='1'] input[name=when]", "now");
        await chromium.ClickAsync("article[data-post='1'] button[name=approve]");
        Assert.Contains("#1", await chromium.TextAsync(".notice"), StringComparison.Ordinal);
        Assert.Empty(await chromium.TextsAsync("article[data-post='1']"));
        var sent = await host.WaitForAsync(() => host.Executor.Executed.OfType<SendMessage>().FirstOrDefault(m => m.Text.Contains("Weekly AMA", StringComparison.Ordinal)), "the approved post");
        Assert.Equal("general", sent.ChannelId);

        await chromium.ClickAsync("nav a[href='/dashboard/faq']");
        await chromium.TypeAsync("input[name=question]", "how can I reset my password?");
        await chromium.ClickAsync("#test button");
        Assert.Contains("#1", await chromium.TextAsync(".notice"), StringComparison.Ordinal);
        await chromium.ScreenshotForAsync("faq");

        await chromium.ClickAsync("nav a[href='/dashboard/tickets']");
        Assert.Contains("my order is late", await chromium.TextAsync("section[data-ticket='1']"), StringComparison.Ordinal);
        await chromium.ScreenshotForAsync("tickets");
        await chromium.TypeAsync("section[data-ticket='1'] textarea[name=text]", "It ships today — 今天出貨！");
        await chromium.ClickAsync("section[data-ticket='1'] button[name=reply]");
        await chromium.TextAsync(".notice");
        var relayed = Assert.Single(host.Executor.Executed.OfType<DirectMessage>(), m => m.Text.Contains("It ships today — 今天出貨！", StringComparison.Ordinal));
        Assert.Equal("carol", relayed.User.Id);

        await chromium.ClickAsync("nav a[href='/dashboard/moderation']");
        Assert.Contains("casino", await chromium.TextAsync("#rules"), StringComparison.Ordinal);
        Assert.Contains("answering a question", await chromium.TextAsync("#appeals"), StringComparison.Ordinal);
        await chromium.ScreenshotForAsync("moderation");
    }

    [Fact]
    public async Task At_phone_width_the_pages_fit_and_speak_the_community_s_language()
    {
        await using var host = await DashboardHost.StartAsync();
        await host.GrantAsync("bob", StaffRole.Manager);
        await host.SayCommandAsync("bob", "settings", "language zh-TW");
        await host.SayCommandAsync("carol", "ticket", "open 訂單延遲了");
        var token = await host.LinkTokenAsync("bob");

        await using var phone = await HeadlessChromium.StartAsync(390, 844);
        await phone.OpenAsync($"{host.BaseUrl}/dashboard/login?token={token}");
        await phone.ClickAsync("#sign-in");
        await phone.WaitForUrlAsync("/dashboard");
        Assert.Equal("總覽", await phone.TextAsync("nav a.here"));
        await phone.ScreenshotForAsync("overview-phone-zh-TW");

        foreach (var path in new[] { "/dashboard", "/dashboard/content", "/dashboard/faq", "/dashboard/tickets", "/dashboard/moderation" })
        {
            await phone.OpenAsync(host.BaseUrl + path);
            Assert.Equal(390, (await phone.EvaluateAsync("document.documentElement.clientWidth")).GetInt32()); // a phone's viewport
            var overflow = (await phone.EvaluateAsync("document.documentElement.scrollWidth - document.documentElement.clientWidth")).GetInt32();
            Assert.True(overflow <= 0, $"{path} is {overflow}px wider than a phone");
        }

        await phone.ScreenshotForAsync("moderation-phone-zh-TW");
        await phone.OpenAsync(host.BaseUrl + "/dashboard/tickets");
        Assert.Contains("訂單延遲了", await phone.TextAsync("section[data-ticket='1']"), StringComparison.Ordinal);
        await phone.ScreenshotForAsync("tickets-phone-zh-TW");
    }
}
