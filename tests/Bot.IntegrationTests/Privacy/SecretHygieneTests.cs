using System.Collections.Concurrent;
using Bot.IntegrationTests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Bot.IntegrationTests.Privacy;

/// <summary>Recognisable fake secrets go through failing start-ups; no log line, exception message or metric may show them.</summary>
public sealed class SecretHygieneTests
{
    private const string DiscordToken = "FAKEDISCORDTOKEN.c0ffee.Zq9secret";
    private const string TelegramToken = "123456:FAKETELEGRAMTOKENc0ffeeZq9secret";
    private const string Password = "FAKEPASSWORDc0ffeeZq9";

    [Fact]
    public async Task A_platform_that_refuses_start_up_never_shows_its_token()
    {
        var logs = new RecordingLoggerProvider();
        Microsoft.AspNetCore.Builder.WebApplication? app = null;
        var failure = await Record.ExceptionAsync(async () => (app, _) = await TestHost.StartAsync(configure: builder =>
        {
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Discord:BotToken"] = DiscordToken,
                ["Discord:ApiBaseUrl"] = "http://127.0.0.1:9/api/v10",
                ["Telegram:BotToken"] = TelegramToken,
                ["Telegram:ApiBaseUrl"] = "http://127.0.0.1:9",
                ["Logging:LogLevel:Default"] = "Trace",
            });
            builder.Logging.AddProvider(logs);
        }));

        // An unreachable API is retried in the background rather than failing start-up: give it time to try.
        if (app is not null)
        {
            await Task.Delay(TimeSpan.FromSeconds(3));
            await app.DisposeAsync();
        }

        Assert.NotEmpty(logs.Lines);
        AssertClean(failure is null ? string.Empty : Describe(failure), logs);
    }

    [Fact]
    public async Task A_connection_string_never_appears_in_a_start_up_error()
    {
        var server = await PostgresFixture.ServerAsync();
        var logs = new RecordingLoggerProvider();
        var failure = await Record.ExceptionAsync(() => TestHost.StartAsync(
            connectionString: $"Host=127.0.0.1;Port={server.Port};Username=nobody_{Guid.NewGuid():N};Password={Password};Database=missing;Timeout=3",
            configure: builder => builder.Logging.AddProvider(logs)));

        Assert.NotNull(failure);
        AssertClean(Describe(failure), logs);
    }

    [Fact]
    public async Task Metrics_and_logs_of_a_normal_run_hold_no_connection_password()
    {
        var logs = new RecordingLoggerProvider();
        // The test cluster's own generated password is the secret here: a fake one would not get in.
        var connectionString = await PostgresFixture.CreateDatabaseAsync();
        var password = new Npgsql.NpgsqlConnectionStringBuilder(connectionString).Password!;
        var (app, _) = await TestHost.StartAsync(connectionString, builder => builder.Logging.AddProvider(logs));
        await using (app)
        {
            var metrics = app.Services.GetRequiredService<Bot.Adapters.Pipeline.PipelineMetrics>().Render();
            AssertClean(metrics, logs);
            Assert.DoesNotContain(password, metrics, StringComparison.Ordinal);
            Assert.DoesNotContain(logs.Lines, l => l.Contains(password, StringComparison.Ordinal));
        }
    }

    private static string Describe(Exception exception)
    {
        var text = new System.Text.StringBuilder();
        for (var e = exception; e is not null; e = e.InnerException)
        {
            text.AppendLine(e.Message).AppendLine(e.ToString());
        }

        if (exception is AggregateException aggregate)
        {
            foreach (var inner in aggregate.Flatten().InnerExceptions)
            {
                text.AppendLine(inner.ToString());
            }
        }

        return text.ToString();
    }

    private static void AssertClean(string text, RecordingLoggerProvider logs)
    {
        foreach (var secret in new[] { DiscordToken, TelegramToken, "FAKETELEGRAMTOKEN", "FAKEDISCORDTOKEN", Password })
        {
            Assert.DoesNotContain(secret, text, StringComparison.Ordinal);
            Assert.DoesNotContain(logs.Lines, l => l.Contains(secret, StringComparison.Ordinal));
        }
    }

    private sealed class RecordingLoggerProvider : ILoggerProvider
    {
        public ConcurrentQueue<string> Lines { get; } = new();

        public ILogger CreateLogger(string categoryName) => new Recorder(this, categoryName);

        public void Dispose()
        {
        }

        private sealed class Recorder(RecordingLoggerProvider owner, string category) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                owner.Lines.Enqueue($"{category} {formatter(state, exception)} {exception}");
        }
    }
}
