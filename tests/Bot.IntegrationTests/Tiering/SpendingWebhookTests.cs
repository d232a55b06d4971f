using System.Globalization;
using System.Net;
using System.Text;
using Bot.Adapters.Pipeline;
using Bot.Domain.Actions;
using Bot.Domain.Events;
using Bot.Domain.Model;
using Bot.Domain.Tiering;
using Bot.IntegrationTests.Support;
using Dapper;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Bot.IntegrationTests.Tiering;

/// <summary><c>POST /api/communities/{id}/spending</c> over HTTP to the real host: signed, not replayable, counted once.</summary>
public sealed class SpendingWebhookTests
{
    private const string Secret = "test-shop-secret-0123456789abcdef-xyz";
    private static readonly CommunityRef Shop = new(Platform.Console, "shop");

    [Fact]
    public async Task A_signed_purchase_counts_once_and_a_bad_signature_or_a_replay_is_refused()
    {
        var database = await PostgresFixture.CreateDatabaseAsync();
        var (app, executor) = await TestHost.StartAsync(database, builder => builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Tiering:SpendingWebhooks:0:Community"] = Shop.ToString(),
            ["Tiering:SpendingWebhooks:0:Secret"] = Secret,
        }));
        await using (app)
        {
            var pipeline = app.Services.GetRequiredService<IEventPipeline>();
            await pipeline.ProcessAsync([new MessagePosted("wh:1", Shop, DateTimeOffset.UtcNow, "general", "m1", new Member(new UserRef(Platform.Console, "bob"), "Bob", "bob"), "hello everyone here")], default);
            using var http = new HttpClient { BaseAddress = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()) };
            var now = DateTimeOffset.UtcNow;
            var body = $$"""{"order_id":"W-1001","member":"bob","amount":600,"currency":"TWD","date":"{{now.AddHours(-1):yyyy-MM-ddTHH:mm:ssZ}}"}""";

            var forged = await PostAsync(http, body, now, "sha256=" + new string('0', 64));
            var wrongSecret = await PostAsync(http, body, now, SpendingSignature.Sign("another-secret-another-secret-0000", Stamp(now), Encoding.UTF8.GetBytes(body)));
            var replay = await PostAsync(http, body, now.AddMinutes(-6));
            var unsigned = await http.PostAsync($"/api/communities/{Shop}/spending", new StringContent(body, Encoding.UTF8, "application/json"));
            var unknown = await http.PostAsync("/api/communities/console:nowhere/spending", new StringContent(body, Encoding.UTF8, "application/json"));

            Assert.Equal(HttpStatusCode.Unauthorized, forged.StatusCode);
            Assert.Contains("does not match", await forged.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            Assert.Equal(HttpStatusCode.Unauthorized, wrongSecret.StatusCode);
            Assert.Equal(HttpStatusCode.Unauthorized, replay.StatusCode);
            Assert.Contains("more than 5 minutes", await replay.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            Assert.Equal(HttpStatusCode.Unauthorized, unsigned.StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
            Assert.Equal(0, await ScalarAsync(database, "select count(*) from tier_ledger"));

            var accepted = await PostAsync(http, body, now);
            var again = await PostAsync(http, body, now.AddSeconds(5));
            var bad = await PostAsync(http, """{"order_id":"W-1002","member":"bob","amount":"-3"}""", now);

            Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
            Assert.Contains("\"key\":\"order:W-1001\"", await accepted.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            Assert.Equal(HttpStatusCode.Accepted, again.StatusCode);
            Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
            Assert.Contains("-3\\\" is not a positive number", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            Assert.Equal(1, await ScalarAsync(database, "select count(*) from tier_ledger where kind = 'Spending' and user_id = 'bob'"));
            Assert.Equal(1, await ScalarAsync(database, "select count(*) from tier_spending where source = 'webhook' and key = 'order:W-1001'"));
            // 600 × 0.1 crosses the active threshold (50): promoted by the webhook, announced once.
            Assert.Single(executor.Executed.OfType<GrantRole>(), g => g.User.Id == "bob");
        }
    }

    private static string Stamp(DateTimeOffset at) => at.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);

    private static Task<HttpResponseMessage> PostAsync(HttpClient http, string body, DateTimeOffset at, string? signature = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/communities/{Shop}/spending") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add(SpendingSignature.TimestampHeader, Stamp(at));
        request.Headers.Add(SpendingSignature.Header, signature ?? SpendingSignature.Sign(Secret, Stamp(at), Encoding.UTF8.GetBytes(body)));
        return http.SendAsync(request);
    }

    private static async Task<long> ScalarAsync(string database, string sql)
    {
        await using var connection = new NpgsqlConnection(database);
        return await connection.ExecuteScalarAsync<long>(sql);
    }
}
