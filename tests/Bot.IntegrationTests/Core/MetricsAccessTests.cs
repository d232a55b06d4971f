using System.Net;
using System.Net.Http.Headers;
using Bot.Host.Features;
using Bot.IntegrationTests.Support;
using Microsoft.Extensions.Configuration;

namespace Bot.IntegrationTests.Core;

public sealed class MetricsAccessTests
{
    private const string Token = "metrics-token-0123456789";

    [Fact]
    public async Task With_a_bearer_token_configured_metrics_need_it()
    {
        var (app, _) = await TestHost.StartAsync(configure: builder =>
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Metrics:BearerToken"] = Token }));
        await using (app)
        {
            using var http = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };

            var without = await http.GetAsync(new Uri("/metrics", UriKind.Relative));
            using var wrong = new HttpRequestMessage(HttpMethod.Get, "/metrics") { Headers = { Authorization = new AuthenticationHeaderValue("Bearer", "not-the-token-at-all") } };
            var wrongAnswer = await http.SendAsync(wrong);
            using var right = new HttpRequestMessage(HttpMethod.Get, "/metrics") { Headers = { Authorization = new AuthenticationHeaderValue("Bearer", Token) } };
            var rightAnswer = await http.SendAsync(right);
            var health = await http.GetAsync(new Uri("/healthz", UriKind.Relative));

            Assert.Equal(HttpStatusCode.Unauthorized, without.StatusCode);
            Assert.Equal(HttpStatusCode.Unauthorized, wrongAnswer.StatusCode);
            Assert.Equal(HttpStatusCode.OK, rightAnswer.StatusCode);
            Assert.Contains("# TYPE", await rightAnswer.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        }
    }

    [Theory]
    [InlineData("127.0.0.1", true)]
    [InlineData("::1", true)]
    [InlineData("10.0.0.7", false)]
    [InlineData("172.17.0.1", false)]
    public void Without_a_token_only_loopback_callers_may_read_metrics(string address, bool allowed) =>
        Assert.Equal(allowed, MetricsAccess.Allows(new MetricsOptions(), IPAddress.Parse(address), null));
}
