using System.Net;
using Bot.Domain.Actions;
using Bot.Domain.Staff;
using Npgsql;

namespace Bot.IntegrationTests.Dashboard;

/// <summary>The FAQ and moderation pages: what they list, and their forms running the chat commands.</summary>
public sealed class DashboardPagesTests
{
    private static async Task<string> ScalarAsync(string database, string sql)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var query = new NpgsqlCommand(sql, connection);
        return Convert.ToString(await query.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty;
    }

    [Fact]
    public async Task Faq_entries_are_added_edited_tested_and_removed_from_the_page()
    {
        await using var host = await DashboardHost.StartAsync();
        await host.GrantAsync("sue", StaffRole.Support);
        using var browser = host.NewBrowser();
        await DashboardHost.SignInAsync(browser, await host.LinkTokenAsync("sue"));
        var page = await (await browser.GetAsync("/dashboard/faq")).Content.ReadAsStringAsync();

        await DashboardHost.PostFormAsync(browser, "/dashboard/faq?handler=Add", page, new() { ["questions"] = "如何重設密碼\nhow do I reset my password", ["answer"] = "Settings → Account.\nThen Reset. #account" });
        Assert.Equal("如何重設密碼|how do I reset my password / Settings → Account.\nThen Reset. / account",
            await ScalarAsync(host.Database, "select array_to_string(questions, '|') || ' / ' || answer || ' / ' || array_to_string(tags, ',') from faq_entries"));

        await DashboardHost.PostFormAsync(browser, "/dashboard/faq?handler=Edit", page, new() { ["id"] = "1", ["questions"] = "how do I reset my password", ["answer"] = "Settings → Security." });
        var tested = await DashboardHost.PostFormAsync(browser, "/dashboard/faq?handler=Test", page, new() { ["question"] = "how can I reset my password?" });
        var shown = await (await browser.GetAsync(tested.Headers.Location!.OriginalString)).Content.ReadAsStringAsync();
        Assert.Contains("Best: #1 &quot;how do I reset my password&quot;", shown, StringComparison.Ordinal);
        Assert.Contains("Settings → Security.", shown, StringComparison.Ordinal);

        await DashboardHost.PostFormAsync(browser, "/dashboard/faq?handler=Remove", page, new() { ["id"] = "1" });
        Assert.Equal("0", await ScalarAsync(host.Database, "select count(*) from faq_entries"));
        Assert.Equal("4", await ScalarAsync(host.Database, "select count(*) from audit_log where actor_id = 'sue' and source like '/faq %'"));
    }

    [Fact]
    public async Task Moderators_switch_a_rule_s_mode_and_decide_an_appeal_from_the_page()
    {
        await using var host = await DashboardHost.StartAsync();
        await host.GrantAsync("mo", StaffRole.Moderator);
        await host.GrantAsync("max", StaffRole.Moderator);
        await host.SayCommandAsync("mo", "rule", "add keyword casino delete");
        await host.SayAsync("carol", "hello all");
        await host.SayCommandAsync("mo", "warn", "carol spamming links");
        await host.SayCommandAsync("carol", "appeal", "1 it was a real question", direct: true);
        using var browser = host.NewBrowser();
        await DashboardHost.SignInAsync(browser, await host.LinkTokenAsync("max"));
        var page = await (await browser.GetAsync("/dashboard/moderation")).Content.ReadAsStringAsync();
        Assert.Contains("it was a real question", page, StringComparison.Ordinal);
        Assert.Contains("spamming links", page, StringComparison.Ordinal);
        Assert.Contains("casino", page, StringComparison.Ordinal);

        await DashboardHost.PostFormAsync(browser, "/dashboard/moderation?handler=Mode", page, new() { ["id"] = "1", ["mode"] = "log" });
        await DashboardHost.PostFormAsync(browser, "/dashboard/moderation?handler=Appeal", page, new() { ["id"] = "1", ["decision"] = "accept", ["note"] = "fair enough" });

        Assert.Equal("log", await ScalarAsync(host.Database, "select lower(mode) from moderation_rules where id = 1"));
        Assert.Equal("Accepted max", await ScalarAsync(host.Database, "select status || ' ' || decided_by from moderation_appeals where id = 1"));
        Assert.Contains(host.Executor.Executed.OfType<DirectMessage>(), m => m.User.Id == "carol" && m.Text.Contains("appeal #1 was accepted", StringComparison.Ordinal));
        var after = await (await browser.GetAsync("/dashboard/moderation")).Content.ReadAsStringAsync();
        Assert.DoesNotContain("it was a real question", after, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_acting_moderator_cannot_decide_the_appeal_from_the_page_either()
    {
        await using var host = await DashboardHost.StartAsync();
        await host.GrantAsync("mo", StaffRole.Moderator);
        await host.SayAsync("carol", "hello all");
        await host.SayCommandAsync("mo", "warn", "carol spamming links");
        await host.SayCommandAsync("carol", "appeal", "1 it was a real question", direct: true);
        using var browser = host.NewBrowser();
        await DashboardHost.SignInAsync(browser, await host.LinkTokenAsync("mo"));
        var page = await (await browser.GetAsync("/dashboard/moderation")).Content.ReadAsStringAsync();

        var response = await DashboardHost.PostFormAsync(browser, "/dashboard/moderation?handler=Appeal", page, new() { ["id"] = "1", ["decision"] = "accept" });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("Pending", await ScalarAsync(host.Database, "select status from moderation_appeals where id = 1"));
    }
}
