using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace Bot.Bench;

/// <summary>The whole bot as the ingest benches run it: no console, a free local port, warnings only, and the platform's settings.</summary>
internal static class BenchBot
{
    public static WebApplication Build(string connectionString, IEnumerable<KeyValuePair<string, string?>> platform) =>
        Bot.Host.Program.Build([], builder =>
        {
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["ConnectionStrings:Bot"] = connectionString,
                ["Console:Enabled"] = "false",
                ["Urls"] = "http://127.0.0.1:0",
                ["Logging:LogLevel:Default"] = "Warning",
            }.Concat(platform));
            builder.Logging.SetMinimumLevel(LogLevel.Warning);
        });
}
