using System.Diagnostics;
using Bot.IntegrationTests.Support;

namespace Bot.IntegrationTests.Core;

/// <summary>The console as a user runs it (the real executable): the terminal keeps to the bot's output, logs go to a file.</summary>
public sealed class ConsoleLoggingTests
{
    [Fact]
    public async Task Framework_and_host_logs_go_to_the_log_file_named_once_and_the_terminal_shows_only_the_bot()
    {
        var dir = Directory.CreateTempSubdirectory("console-logs-").FullName;
        try
        {
            var script = Path.Combine(dir, "script.txt");
            var logFile = Path.Combine(dir, "console.log");
            await File.WriteAllTextAsync(script, "alice: /help\n");
            var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "Bot.Host.dll"), "--script", script])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            start.Environment["ConnectionStrings__Bot"] = await PostgresFixture.CreateDatabaseAsync();
            start.Environment["Console__LogFile"] = logFile;
            start.Environment["Urls"] = "http://127.0.0.1:0";
            start.Environment["Logging__LogLevel__Default"] = "Information";

            using var process = Process.Start(start)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            finally
            {
                if (!process.HasExited)
                {
                    process.Kill(entireProcessTree: true);
                }
            }

            Assert.Equal(0, process.ExitCode);
            Assert.Contains("Commands you can use", await stdout, StringComparison.Ordinal);
            var terminal = (await stderr).Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal($"Logs: {logFile} (only warnings and errors are shown here)", Assert.Single(terminal));
            Assert.Contains("Information Microsoft.Hosting.Lifetime: Application started", await File.ReadAllTextAsync(logFile), StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
