using System.Collections.Concurrent;
using Bot.Adapters.Pipeline;
using Bot.Domain.Actions;
using Bot.Domain.Model;
using Bot.IntegrationTests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Bot.IntegrationTests;

/// <summary>The real host without the console adapter; actions for console communities are recorded instead of printed.</summary>
public static class TestHost
{
    public static async Task<(WebApplication App, RecordingExecutor Executor)> StartAsync(
        string? connectionString = null, Action<WebApplicationBuilder>? configure = null, RecordingExecutor? executor = null)
    {
        connectionString ??= await PostgresFixture.CreateDatabaseAsync();
        executor ??= new RecordingExecutor();
        var app = Bot.Host.Program.Build([], builder =>
        {
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["ConnectionStrings:Bot"] = connectionString,
                ["Console:Enabled"] = "false",
                ["Urls"] = "http://127.0.0.1:0",
                ["Logging:LogLevel:Default"] = "Warning",
            });
            builder.Services.AddSingleton<IActionExecutor>(executor);
            configure?.Invoke(builder);
        });
        await app.StartAsync();
        return (app, executor);
    }
}

/// <summary>An executor for <see cref="Platform.Console"/> that records what it is asked to do; it can be told to throw.</summary>
public sealed class RecordingExecutor : IActionExecutor
{
    public ConcurrentQueue<BotAction> Executed { get; } = new();

    public Func<BotAction, bool>? ThrowFor { get; set; }

    /// <summary>Actions the platform refuses (a failed result, as for a 4xx).</summary>
    public Func<BotAction, bool>? RefuseFor { get; set; }

    public Platform Platform => Platform.Console;

    public Task<ActionResult> ExecuteAsync(BotAction action, CancellationToken ct)
    {
        if (ThrowFor?.Invoke(action) == true)
        {
            throw new HttpRequestException("simulated platform outage");
        }

        if (RefuseFor?.Invoke(action) == true)
        {
            return Task.FromResult(ActionResult.Failed("simulated refusal: 403 Missing Permissions"));
        }

        Executed.Enqueue(action);
        return Task.FromResult(new ActionResult(true, "c", $"sent-{Executed.Count}", "value"));
    }
}
