using Bot.Domain.Actions;
using Bot.Domain.Staff;
using OpenQA.Selenium;

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

        using var chromium = new HeadlessChromium();
        chromium.Open($"{host.BaseUrl}/dashboard/content"); // no session yet
        Assert.EndsWith("/dashboard/signin", chromium.Web.Url, StringComparison.Ordinal);
        chromium.ScreenshotFor("signin");

        chromium.Open($"{host.BaseUrl}/dashboard/login?token={token}");
        chromium.Find("#sign-in").Click();
        chromium.WaitUntil(d => d.Url.EndsWith("/dashboard", StringComparison.Ordinal));
        var figures = chromium.FindAll("#figures li").Select(li => li.Text).ToList();
        Assert.Contains(figures, f => f.StartsWith("Members", StringComparison.Ordinal));
        Assert.True(figures.Count >= 5, string.Join(" / ", figures));
        var chart = chromium.Find("#trend-chart");
        Assert.StartsWith("data:image/png;base64,", chart.GetAttribute("src"), StringComparison.Ordinal);
        Assert.True(Convert.ToInt64(((IJavaScriptExecutor)chromium.Web).ExecuteScript("return arguments[0].naturalWidth", chart)) > 100, "the chart decoded");
        chromium.ScreenshotFor("overview");

        chromium.Find("nav a[href='/dashboard/content']").Click();
        var review = chromium.WaitUntil(d => d.FindElement(By.CssSelector("article[data-post='1']")));
        Assert.Contains("Weekly AMA", review.Text, StringComparison.Ordinal);
        chromium.ScreenshotFor("content");
        review.FindElement(By.CssSelector("input[name=when]")).SendKeys("now");
        review.FindElement(By.CssSelector("button[name=approve]")).Click();
        var notice = chromium.WaitUntil(d => d.FindElement(By.CssSelector(".notice")));
        Assert.Contains("#1", notice.Text, StringComparison.Ordinal);
        Assert.Empty(chromium.FindAll("article[data-post='1']"));
        var sent = await host.WaitForAsync(() => host.Executor.Executed.OfType<SendMessage>().FirstOrDefault(m => m.Text.Contains("Weekly AMA", StringComparison.Ordinal)), "the approved post");
        Assert.Equal("general", sent.ChannelId);

        chromium.Find("nav a[href='/dashboard/faq']").Click();
        chromium.WaitUntil(d => d.FindElement(By.CssSelector("input[name=question]"))).SendKeys("how can I reset my password?");
        chromium.Find("#test button").Click();
        Assert.Contains("#1", chromium.WaitUntil(d => d.FindElement(By.CssSelector(".notice"))).Text, StringComparison.Ordinal);
        chromium.ScreenshotFor("faq");

        chromium.Find("nav a[href='/dashboard/tickets']").Click();
        var ticket = chromium.WaitUntil(d => d.FindElement(By.CssSelector("section[data-ticket='1']")));
        Assert.Contains("my order is late", ticket.Text, StringComparison.Ordinal);
        chromium.ScreenshotFor("tickets");
        ticket.FindElement(By.CssSelector("textarea[name=text]")).SendKeys("It ships today — 今天出貨！");
        ticket.FindElement(By.CssSelector("button[name=reply]")).Click();
        chromium.WaitUntil(d => d.FindElement(By.CssSelector(".notice")));
        var relayed = Assert.Single(host.Executor.Executed.OfType<DirectMessage>(), m => m.Text.Contains("It ships today — 今天出貨！", StringComparison.Ordinal));
        Assert.Equal("carol", relayed.User.Id);

        chromium.Find("nav a[href='/dashboard/moderation']").Click();
        Assert.Contains("casino", chromium.WaitUntil(d => d.FindElement(By.CssSelector("#rules"))).Text, StringComparison.Ordinal);
        Assert.Contains("answering a question", chromium.Find("#appeals").Text, StringComparison.Ordinal);
        chromium.ScreenshotFor("moderation");
    }

    [Fact]
    public async Task At_phone_width_the_pages_fit_and_speak_the_community_s_language()
    {
        await using var host = await DashboardHost.StartAsync();
        await host.GrantAsync("bob", StaffRole.Manager);
        await host.SayCommandAsync("bob", "settings", "language zh-TW");
        await host.SayCommandAsync("carol", "ticket", "open 訂單延遲了");
        var token = await host.LinkTokenAsync("bob");

        using var phone = new HeadlessChromium(390, 844);
        phone.Open($"{host.BaseUrl}/dashboard/login?token={token}");
        phone.Find("#sign-in").Click();
        phone.WaitUntil(d => d.Url.EndsWith("/dashboard", StringComparison.Ordinal));
        Assert.Equal("總覽", phone.Find("nav a.here").Text);
        phone.ScreenshotFor("overview-phone-zh-TW");

        foreach (var path in new[] { "/dashboard", "/dashboard/content", "/dashboard/faq", "/dashboard/tickets", "/dashboard/moderation" })
        {
            phone.Open(host.BaseUrl + path);
            var overflow = Convert.ToInt64(((IJavaScriptExecutor)phone.Web).ExecuteScript(
                "return document.documentElement.scrollWidth - document.documentElement.clientWidth"));
            Assert.True(overflow <= 0, $"{path} is {overflow}px wider than a phone");
        }

        phone.ScreenshotFor("moderation-phone-zh-TW");
        phone.Open(host.BaseUrl + "/dashboard/tickets");
        Assert.Contains("訂單延遲了", phone.Find("section[data-ticket='1']").Text, StringComparison.Ordinal);
        phone.ScreenshotFor("tickets-phone-zh-TW");
    }
}
