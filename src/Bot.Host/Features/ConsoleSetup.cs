using Bot.Adapters.Console;
using Bot.Adapters.Pipeline;
using Bot.Adapters.Postgres;
using Bot.Host.Hosting;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging.Console;

namespace Bot.Host.Features;

public static class ConsoleSetup
{
    /// <summary>
    /// The local REPL, when no platform token is configured (or <c>--script FILE</c> is given). Its clock can be
    /// advanced, so it becomes the bot's <see cref="TimeProvider"/>. Logs go to a file; only warnings and errors also
    /// reach the terminal (stderr, so stdout is only actions).
    /// </summary>
    public static IHostApplicationBuilder AddConsoleAdapter(this IHostApplicationBuilder builder)
    {
        var script = builder.Configuration["script"];
        var hasPlatform = !string.IsNullOrWhiteSpace(builder.Configuration["Telegram:BotToken"])
            || !string.IsNullOrWhiteSpace(builder.Configuration["Discord:BotToken"]);
        var disabled = string.Equals(builder.Configuration["Console:Enabled"], "false", StringComparison.OrdinalIgnoreCase);
        if ((hasPlatform && script is null) || disabled)
        {
            return builder;
        }

        if (script is not null)
        {
            builder.Configuration["Console:Script"] = ResolveScript(script);
        }

        builder.AddFeatureOptions<ConsoleOptions>(ConsoleOptions.Section);
        builder.AddConsoleLogging();
        builder.Services.TryAddSingleton(sp => new ConsoleClock(TimeProvider.System)); // a test may start it later
        builder.Services.Replace(ServiceDescriptor.Singleton<TimeProvider>(sp => sp.GetRequiredService<ConsoleClock>()));
        builder.Services.TryAddSingleton<IConsoleOutput, StandardConsoleOutput>();
        builder.Services.AddSingleton<IActionExecutor, ConsoleExecutor>();
        builder.Services.AddSingleton<ConsoleAdapter>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<ConsoleAdapter>());
        return builder;
    }

    private static void AddConsoleLogging(this IHostApplicationBuilder builder)
    {
        var file = builder.Configuration["Console:LogFile"] is { Length: > 0 } configured
            ? configured
            : Path.Combine(EmbeddedPostgres.DefaultRoot(), "logs", "console.log");
        builder.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Logging.AddFilter<ConsoleLoggerProvider>(level => level >= LogLevel.Warning);
        builder.Services.AddSingleton<ILoggerProvider>(_ => new FileLoggerProvider(file));
        Console.Error.WriteLine($"Logs: {file} (only warnings and errors are shown here)");
    }

    /// <summary>
    /// A relative script path is taken from where the command was typed: <c>dotnet run</c> may start the bot
    /// in the project folder, but the shell's <c>PWD</c> still names the user's folder.
    /// </summary>
    private static string ResolveScript(string script)
    {
        var candidates = new[] { Environment.CurrentDirectory, Environment.GetEnvironmentVariable("PWD") }
            .Where(d => !string.IsNullOrEmpty(d))
            .Select(d => Path.GetFullPath(script, d!));
        return candidates.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException($"--script: the file '{script}' does not exist.");
    }
}
