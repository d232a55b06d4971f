using System.Net;
using Bot.Domain.Actions;
using Bot.Domain.Staff;
using Npgsql;

namespace Bot.IntegrationTests.Dashboard;

/// <summary>Changes made on the pages are the chat's commands: same permission check, audit entry and actions.</summary>
public sealed class DashboardActionTests
{
    private static async Task<DashboardHost> WithSubmittedPostAsync()
    {
        var host = await DashboardHost.StartAsync();
        await host.GrantAsync("alice", StaffRole.Specialist);
        await host.GrantAsync("bob", StaffRole.Manager);
        await host.SayCommandAsync("bob", "staff", "channel staff", channel: "staff");
        await host.SayCommandAsync("alice", "post", "new Launch day | We are live | news | general");
        await host.SayCommandAsync("alice", "post", "submit 1");
        return host;
    }

    [Fact]
    public async Task Forms_without_the_anti_forgery_token_are_rejected_and_change_nothing()
    {
        await using var host = await WithSubmittedPostAsync();
        using var browser = host.NewBrowser();
        await DashboardHost.SignInAsync(browser, await host.LinkTokenAsync("bob"));
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/dashboard/content")).StatusCode); // has the anti-forgery cookie now

        var forged = await browser.PostAsync("/dashboard/content?handler=Approve", new FormUrlEncodedContent(new Dictionary<string, string> { ["id"] = "1", ["when"] = "now" }));
        var signOut = await browser.PostAsync("/dashboard/signout", new FormUrlEncodedContent([]));

        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, signOut.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/dashboard/content")).StatusCode); // still signed in
        await using var connection = new NpgsqlConnection(host.Database);
        await connection.OpenAsync();
        await using var query = new NpgsqlCommand("select state from content_posts where id = 1", connection);
        Assert.Equal("submitted", ((string)(await query.ExecuteScalarAsync())!).ToLowerInvariant());
    }

    [Fact]
    public async Task Approving_from_the_page_publishes_the_post_once_audited_as_the_manager()
    {
        await using var host = await WithSubmittedPostAsync();
        using var browser = host.NewBrowser();
        await DashboardHost.SignInAsync(browser, await host.LinkTokenAsync("bob"));
        var page = await (await browser.GetAsync("/dashboard/content")).Content.ReadAsStringAsync();
        Assert.Contains("Launch day", page, StringComparison.Ordinal);

        var approved = await DashboardHost.PostFormAsync(browser, "/dashboard/content?handler=Approve", page, new() { ["id"] = "1", ["when"] = "now" });
        Assert.Equal(HttpStatusCode.Redirect, approved.StatusCode);
        var after = await (await browser.GetAsync(approved.Headers.Location!.OriginalString)).Content.ReadAsStringAsync();
        Assert.Contains("class=\"notice\"", after, StringComparison.Ordinal); // the command's answer, shown once

        var sent = await host.WaitForAsync(() => host.Executor.Executed.OfType<SendMessage>().FirstOrDefault(m => m.Text.Contains("Launch day", StringComparison.Ordinal)), "the post to be published");
        Assert.Equal("general", sent.ChannelId);
        // A second press of the same button (the page was open twice) is refused by the post's state, not published again.
        await DashboardHost.PostFormAsync(browser, "/dashboard/content?handler=Approve", page, new() { ["id"] = "1", ["when"] = "now" });
        await Task.Delay(TimeSpan.FromSeconds(3));
        Assert.Single(host.Executor.Executed.OfType<SendMessage>(), m => m.Text.Contains("Launch day", StringComparison.Ordinal));
        Assert.DoesNotContain(host.Executor.Executed.OfType<Reply>(), r => r.InteractionId?.StartsWith("web:", StringComparison.Ordinal) == true);

        await using var connection = new NpgsqlConnection(host.Database);
        await connection.OpenAsync();
        await using var query = new NpgsqlCommand("select count(*) from audit_log where actor_id = 'bob' and source = '/post approve' and reason = 'approve 1 now'", connection);
        Assert.Equal(2L, (long)(await query.ExecuteScalarAsync())!);
    }

    [Fact]
    public async Task A_specialist_sees_no_approve_button_and_a_forged_approve_is_refused_by_the_command()
    {
        await using var host = await WithSubmittedPostAsync();
        using var browser = host.NewBrowser();
        await DashboardHost.SignInAsync(browser, await host.LinkTokenAsync("alice"));
        var page = await (await browser.GetAsync("/dashboard/content")).Content.ReadAsStringAsync();
        Assert.DoesNotContain("handler=Approve", page, StringComparison.Ordinal);

        var response = await DashboardHost.PostFormAsync(browser, "/dashboard/content?handler=Approve", page, new() { ["id"] = "1", ["when"] = "now" });
        var shown = await (await browser.GetAsync(response.Headers.Location!.OriginalString)).Content.ReadAsStringAsync();

        Assert.Contains("may not use /post approve", shown, StringComparison.Ordinal);
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.DoesNotContain(host.Executor.Executed.OfType<SendMessage>(), m => m.Text.Contains("Launch day", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_reply_from_the_tickets_page_reaches_the_member_as_from_the_staff_thread()
    {
        await using var host = await DashboardHost.StartAsync();
        await host.GrantAsync("bob", StaffRole.Support);
        await host.GrantAsync("boss", StaffRole.Owner);
        await host.SayCommandAsync("boss", "staff", "channel staff", channel: "staff");
        await host.SayCommandAsync("carol", "ticket", "open my order is late");
        using var browser = host.NewBrowser();
        await DashboardHost.SignInAsync(browser, await host.LinkTokenAsync("bob"));
        var page = await (await browser.GetAsync("/dashboard/tickets")).Content.ReadAsStringAsync();
        Assert.Contains("my order is late", page, StringComparison.Ordinal);

        await DashboardHost.PostFormAsync(browser, "/dashboard/tickets?handler=Claim", page, new() { ["id"] = "1" });
        await DashboardHost.PostFormAsync(browser, "/dashboard/tickets?handler=Reply", page, new() { ["id"] = "1", ["text"] = "Shipped today, sorry!" });
        await DashboardHost.PostFormAsync(browser, "/dashboard/tickets?handler=Close", page, new() { ["id"] = "1", ["reason"] = "resolved" });

        var relayed = Assert.Single(host.Executor.Executed.OfType<DirectMessage>(), m => m.Text.Contains("Shipped today, sorry!", StringComparison.Ordinal));
        Assert.Equal("carol", relayed.User.Id);
        Assert.Contains("bob", relayed.Text, StringComparison.Ordinal);
        Assert.Contains(host.Executor.Executed.OfType<DirectMessage>(), m => m.User.Id == "carol" && m.Buttons?.Any(b => b.Data.StartsWith("ticket:rate:1:", StringComparison.Ordinal)) == true);
        await using var connection = new NpgsqlConnection(host.Database);
        await connection.OpenAsync();
        await using var query = new NpgsqlCommand("select status || ' ' || coalesce(assignee_id, '-') from tickets where id = 1", connection);
        Assert.Equal("closed bob", (string?)await query.ExecuteScalarAsync());
    }
}
