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

    /// <summary><c>/metrics</c>: events in, actions out, errors, pipeline latency (Prometheus text format).</summary>
    public static WebApplication MapMetrics(this WebApplication app)
    {
        app.MapGet("/metrics", (PipelineMetrics metrics) => Results.Text(metrics.Render(), "text/plain; version=0.0.4"));
        return app;
    }
}
