using Bot.Adapters.Postgres.Health;
using Bot.Domain.Commands;
using Bot.Domain.Health;
using Bot.Domain.Pipeline;

namespace Bot.Host.Features;

public static class DeadLettersSetup
{
    /// <summary><c>/health</c> and <c>/health retry</c> for staff, and the hourly dead-letter post to the staff channel.</summary>
    public static IHostApplicationBuilder AddDeadLetters(this IHostApplicationBuilder builder)
    {
        builder.Services.AddScoped<IHealthStore, PostgresHealthStore>();
        builder.Services.AddScoped<ICommandHandler, HealthCommands>();
        builder.Services.AddScoped<IFeature, HealthFeature>();
        return builder;
    }
}
