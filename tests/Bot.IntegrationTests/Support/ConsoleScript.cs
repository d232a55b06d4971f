using Bot.Adapters.Console;
using Bot.IntegrationTests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Bot.IntegrationTests;

/// <summary>Runs a console transcript through the real host (Program.Build) on a test database and returns the printed lines.</summary>
public static class ConsoleScript
{
    public static async Task<IReadOnlyList<string>> RunAsync(
        string script,
        string? connectionString = null,
        IDictionary<string, string?>? settings = null,
        Action<WebApplicationBuilder>? configure = null)
    {
        connectionString ??= await PostgresFixture.CreateDatabaseAsync();
        var file = Path.GetTempFileName();
        await File.WriteAllTextAsync(file, script);
        var output = new CapturedOutput();
        var values = new Dictionary<string, string?>
        {
            ["ConnectionStrings:Bot"] = connectionString,
            ["script"] = file,
            ["Urls"] = "http://127.0.0.1:0",
            ["Logging:LogLevel:Default"] = "Warning",
            ["Console:LogFile"] = Path.Combine(Path.GetTempPath(), "communitybot-tests", "console.log"), // not the user's data folder
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }

        try
        {
            await using var app = Bot.Host.Program.Build([], builder =>
            {
                builder.Configuration.AddInMemoryCollection(values);
                builder.Services.AddSingleton<IConsoleOutput>(output);
                configure?.Invoke(builder);
            });
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
            await ((IHost)app).RunAsync(timeout.Token);
        }
        finally
        {
            File.Delete(file);
        }

        return output.Lines;
    }

    /// <summary>The console's printed lines, kept for assertions.</summary>
    public sealed class CapturedOutput : IConsoleOutput
    {
        private readonly List<string> _lines = [];

        public IReadOnlyList<string> Lines
        {
            get
            {
                lock (_lines)
                {
                    return [.. _lines];
                }
            }
        }

        public void WriteLine(string line)
        {
            lock (_lines)
            {
                _lines.Add(line);
            }
        }
    }
}
