using System.Net;
using Bot.Domain.Actions;
using Bot.Domain.Dashboard;
using Bot.Domain.Staff;
using Bot.IntegrationTests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using Npgsql;

namespace Bot.IntegrationTests.Dashboard;

public sealed class DashboardSignInTests
{
    [Fact]
    public async Task A_link_signs_in_once_sets_a_safe_cookie_and_only_its_hash_is_stored()
    {
        await using var host = await DashboardHost.StartAsync();
        await host.GrantAsync("bob", StaffRole.Manager);
        var token = await host.LinkTokenAsync("bob");

        using var browser = host.NewBrowser();
        var signedIn = await DashboardHost.SignInAsync(browser, token);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Equal("/dashboard", signedIn.Headers.Location?.OriginalString);
        var cookie = Assert.Single(signedIn.Headers.GetValues("Set-Cookie"), c => c.StartsWith("cb_dashboard=", StringComparison.Ordinal));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("path=/dashboard", cookie, StringComparison.OrdinalIgnoreCase);

        var overview = await browser.GetAsync("/dashboard");
        Assert.Equal(HttpStatusCode.OK, overview.StatusCode);
        Assert.Contains("id=\"figures\"", await overview.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // The same link again, from another browser: refused, nothing set.
        using var second = host.NewBrowser();
        var again = await DashboardHost.SignInAsync(second, token);
        Assert.Equal("/dashboard/signin?failed=true", again.Headers.Location?.OriginalString);
        Assert.False(again.Headers.Contains("Set-Cookie") && again.Headers.GetValues("Set-Cookie").Any(c => c.StartsWith("cb_dashboard=", StringComparison.Ordinal)));
        Assert.Equal(HttpStatusCode.Redirect, (await second.GetAsync("/dashboard")).StatusCode);

        await using var connection = new NpgsqlConnection(host.Database);
        await connection.OpenAsync();
        await using var query = new NpgsqlCommand("select count(*) filter (where token_hash = @t), count(*) filter (where token_hash = @h) from dashboard_links", connection);
        query.Parameters.AddWithValue("t", token);
        query.Parameters.AddWithValue("h", DashboardSecrets.Hash(token));
        await using var reader = await query.ExecuteReaderAsync();
        await reader.ReadAsync();
        Assert.Equal((0L, 1L), (reader.GetInt64(0), reader.GetInt64(1)));
        await reader.CloseAsync();
        await using var outbox = new NpgsqlCommand("select count(*) filter (where strpos(action::text, @t) > 0), count(*) filter (where action->>'text' = '[redacted]') from outbox", connection);
        outbox.Parameters.AddWithValue("t", token);
        await using var sent = await outbox.ExecuteReaderAsync();
        await sent.ReadAsync();
        Assert.Equal((0L, 1L), (sent.GetInt64(0), sent.GetInt64(1))); // the private message with the link, sent and forgotten
    }

    [Fact]
    public async Task A_link_expires_after_ten_minutes()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var host = await DashboardHost.StartAsync(b => b.Services.Replace(ServiceDescriptor.Singleton<TimeProvider>(time)));
        await host.GrantAsync("bob", StaffRole.Support);
        var stale = await host.LinkTokenAsync("bob");
        var fresh = await host.LinkTokenAsync("bob");

        time.Advance(TimeSpan.FromMinutes(9));
        using var early = host.NewBrowser();
        Assert.Equal("/dashboard", (await DashboardHost.SignInAsync(early, fresh)).Headers.Location?.OriginalString);

        time.Advance(TimeSpan.FromMinutes(2));
        using var late = host.NewBrowser();
        Assert.Equal("/dashboard/signin?failed=true", (await DashboardHost.SignInAsync(late, stale)).Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task A_plain_member_is_refused_and_no_link_is_made()
    {
        await using var host = await DashboardHost.StartAsync();
        await host.SayCommandAsync("carol", "dashboard", string.Empty);

        var reply = Assert.IsType<Reply>(Assert.Single(host.Executor.Executed));
        Assert.Contains("may not use /dashboard", reply.Text, StringComparison.Ordinal);
        await using var connection = new NpgsqlConnection(host.Database);
        await connection.OpenAsync();
        await using var query = new NpgsqlCommand("select count(*) from dashboard_links", connection);
        Assert.Equal(0L, (long)(await query.ExecuteScalarAsync())!);
    }

    [Fact]
    public async Task Without_a_session_every_page_redirects_to_the_explanation_which_shows_no_community_data()
    {
        await using var host = await DashboardHost.StartAsync();
        await host.GrantAsync("bob", StaffRole.Owner);
        await host.SayCommandAsync("bob", "faq", "add secret handshake? => Wave twice.");
        using var browser = host.NewBrowser();
        browser.DefaultRequestHeaders.Add("Cookie", "cb_dashboard=" + DashboardSecrets.New()); // a made-up session

        foreach (var path in new[] { "/dashboard", "/dashboard/content", "/dashboard/faq", "/dashboard/tickets", "/dashboard/moderation" })
        {
            var response = await browser.GetAsync(path);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Equal("/dashboard/signin", response.Headers.Location?.OriginalString);
        }

        var explanation = await (await browser.GetAsync("/dashboard/signin")).Content.ReadAsStringAsync();
        Assert.Contains("/dashboard", explanation, StringComparison.Ordinal);
        Assert.Contains("登入", explanation, StringComparison.Ordinal);
        Assert.DoesNotContain("handshake", explanation, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Revoking_the_staff_role_ends_the_session_and_signing_out_revokes_it()
    {
        await using var host = await DashboardHost.StartAsync();
        await host.GrantAsync("bob", StaffRole.Support);
        await host.GrantAsync("dora", StaffRole.Support);
        using var bob = host.NewBrowser();
        using var dora = host.NewBrowser();
        await DashboardHost.SignInAsync(bob, await host.LinkTokenAsync("bob"));
        await DashboardHost.SignInAsync(dora, await host.LinkTokenAsync("dora"));
        Assert.Equal(HttpStatusCode.OK, (await bob.GetAsync("/dashboard/tickets")).StatusCode);

        await host.RevokeAsync("bob", StaffRole.Support);
        Assert.Equal("/dashboard/signin", (await bob.GetAsync("/dashboard/tickets")).Headers.Location?.OriginalString);
        await host.GrantAsync("bob", StaffRole.Support);
        Assert.Equal(HttpStatusCode.Redirect, (await bob.GetAsync("/dashboard/tickets")).StatusCode); // revoked, not just hidden

        var page = await (await dora.GetAsync("/dashboard/tickets")).Content.ReadAsStringAsync();
        var signOut = await DashboardHost.PostFormAsync(dora, "/dashboard/signout", page, []);
        Assert.Equal("/dashboard/signin", signOut.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.Redirect, (await dora.GetAsync("/dashboard/tickets")).StatusCode);
    }

    [Fact]
    public async Task A_role_without_a_page_s_permission_is_refused_it()
    {
        await using var host = await DashboardHost.StartAsync();
        await host.GrantAsync("sue", StaffRole.Support);
        using var browser = host.NewBrowser();
        await DashboardHost.SignInAsync(browser, await host.LinkTokenAsync("sue"));

        Assert.Equal(HttpStatusCode.Forbidden, (await browser.GetAsync("/dashboard/moderation")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/dashboard/faq")).StatusCode);
    }

    [Theory]
    [InlineData(null, "Dashboard:PublicUrl is required")]
    [InlineData("http://bot.example.org", "must use https")]
    [InlineData("not a url", "must be an absolute http(s) address")]
    public async Task Bad_dashboard_options_stop_start_up_naming_the_key(string? publicUrl, string expected)
    {
        var database = await PostgresFixture.CreateDatabaseAsync();
        var error = await Assert.ThrowsAnyAsync<Exception>(() => TestHost.StartAsync(database, b =>
        {
            b.Configuration["Dashboard:Enabled"] = "true";
            b.Configuration["Dashboard:PublicUrl"] = publicUrl;
        }));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }
}
