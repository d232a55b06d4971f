using System.Net;
using System.Text.RegularExpressions;
using Bot.Adapters.Pipeline;
using Bot.Adapters.Postgres;
using Bot.Domain.Actions;
using Bot.Domain.Events;
using Bot.Domain.Model;
using Bot.Domain.Staff;
using Bot.IntegrationTests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Bot.IntegrationTests.Dashboard;

/// <summary>The real host with the dashboard on, a console community driven through the pipeline, and plain HTTP browsers.</summary>
public sealed partial class DashboardHost : IAsyncDisposable
{
    public static readonly CommunityRef Community = new(Platform.Console, "dash");

    private int _events;

    private DashboardHost(WebApplication app, RecordingExecutor executor, string database)
    {
        (App, Executor, Database) = (app, executor, database);
        BaseUrl = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
    }

    public WebApplication App { get; }

    public RecordingExecutor Executor { get; }

    public string Database { get; }

    public string BaseUrl { get; }

    public static async Task<DashboardHost> StartAsync(Action<WebApplicationBuilder>? configure = null)
    {
        var database = await PostgresFixture.CreateDatabaseAsync();
        var (app, executor) = await TestHost.StartAsync(database, builder =>
        {
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Dashboard:Enabled"] = "true",
                ["Dashboard:PublicUrl"] = "http://127.0.0.1:1",
            });
            configure?.Invoke(builder);
        });
        return new DashboardHost(app, executor, database);
    }

    public static Member MemberOf(string name) => new(new UserRef(Platform.Console, name), name);

    public async Task GrantAsync(string user, StaffRole role)
    {
        await using var scope = App.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<IStaffStore>().GrantAsync(Community, MemberOf(user).User, role, MemberOf("setup").User, CancellationToken.None);
        await scope.ServiceProvider.GetRequiredService<DbSession>().CommitAsync(CancellationToken.None);
    }

    public async Task RevokeAsync(string user, StaffRole role)
    {
        await using var scope = App.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<IStaffStore>().RevokeAsync(Community, MemberOf(user).User, role, CancellationToken.None);
        await scope.ServiceProvider.GetRequiredService<DbSession>().CommitAsync(CancellationToken.None);
    }

    /// <summary>A chat command typed by <paramref name="user"/> in <paramref name="channel"/>.</summary>
    public Task SayCommandAsync(string user, string name, string arguments, string channel = "general", bool direct = false) =>
        App.Services.GetRequiredService<IEventPipeline>().ProcessAsync(
            [new CommandInvoked($"chat:{Interlocked.Increment(ref _events)}", Community, DateTimeOffset.UtcNow, channel, MemberOf(user), name, arguments, IsDirect: direct)],
            CancellationToken.None);

    /// <summary>A message <paramref name="user"/> posts (which also makes them a known member, to be named in commands).</summary>
    public Task SayAsync(string user, string text, string channel = "general") =>
        App.Services.GetRequiredService<IEventPipeline>().ProcessAsync(
            [new MessagePosted($"chat:{Interlocked.Increment(ref _events)}", Community, DateTimeOffset.UtcNow, channel, $"m{_events}", MemberOf(user), text)],
            CancellationToken.None);

    /// <summary>Asks for a link with <c>/dashboard</c> and returns the token it carries, read from the private message.</summary>
    public async Task<string> LinkTokenAsync(string user)
    {
        var before = Executor.Executed.Count;
        await SayCommandAsync(user, "dashboard", string.Empty);
        var message = Executor.Executed.Skip(before).OfType<DirectMessage>().Single(m => m.User == MemberOf(user).User);
        return TokenPattern().Match(message.Text).Groups[1].Value;
    }

    /// <summary>A browser without JavaScript: cookies kept, redirects not followed (so tests see them).</summary>
    public HttpClient NewBrowser() =>
        new(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false, UseCookies = true }) { BaseAddress = new Uri(BaseUrl) };

    /// <summary>Opens the link page and presses its button, as a person would.</summary>
    public static async Task<HttpResponseMessage> SignInAsync(HttpClient browser, string token)
    {
        var page = await browser.GetAsync($"/dashboard/login?token={token}");
        if (page.StatusCode != HttpStatusCode.OK)
        {
            return page;
        }

        return await PostFormAsync(browser, $"/dashboard/login?token={token}", await page.Content.ReadAsStringAsync(), new() { ["token"] = token });
    }

    /// <summary>Posts a form with the anti-forgery token found in <paramref name="html"/>.</summary>
    public static Task<HttpResponseMessage> PostFormAsync(HttpClient browser, string path, string html, Dictionary<string, string> fields)
    {
        fields["__RequestVerificationToken"] = AntiforgeryPattern().Match(html).Groups[1].Value;
        return browser.PostAsync(path, new FormUrlEncodedContent(fields));
    }

    public async Task<T> WaitForAsync<T>(Func<T?> find, string what)
        where T : class
    {
        for (var i = 0; i < 300; i++)
        {
            if (find() is { } found)
            {
                return found;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"waited 30 s for {what}");
    }

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
    }

    [GeneratedRegex(@"login\?token=([A-Za-z0-9_-]+)")]
    private static partial Regex TokenPattern();

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryPattern();
}
