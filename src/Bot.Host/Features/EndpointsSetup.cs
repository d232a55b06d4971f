using Bot.Adapters.Pipeline;

namespace Bot.Host.Features;

public static class EndpointsSetup
{
    /// <summary><c>/healthz</c>: the database answers.</summary>
    public static WebApplication MapHealth(this WebApplication app)
    {
        app.MapHealthChecks("/healthz");
        return app;
    }

    /// <summary>
    /// <c>/metrics</c>: events in, actions out, errors, pipeline latency (Prometheus text format); loopback callers only,
    /// or anyone with <c>Metrics:BearerToken</c> (<see cref="MetricsAccess"/>).
    /// </summary>
    public static WebApplication MapMetrics(this WebApplication app)
    {
        app.MapGet("/metrics", (HttpContext http, PipelineMetrics metrics, MetricsOptions options) =>
            MetricsAccess.Allows(options, http.Connection.RemoteIpAddress, http.Request.Headers.Authorization.ToString())
                ? Results.Text(metrics.Render(), "text/plain; version=0.0.4")
                : Results.Unauthorized());
        return app;
    }
}
