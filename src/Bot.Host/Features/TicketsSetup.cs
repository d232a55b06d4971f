using Bot.Adapters.Postgres.Tickets;
using Bot.Domain.Commands;
using Bot.Domain.Pipeline;
using Bot.Domain.Tickets;
using Bot.Host.Hosting;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Bot.Host.Features;

public static class TicketsSetup
{
    /// <summary>
    /// Tickets relayed between members and staff threads, <c>/ticket</c>, <c>/tickets</c>, first-response escalation,
    /// and the appeal desk moderation calls. The member summary and appeal outcomes are defaults that tiering and
    /// moderation replace by registering their own before this runs.
    /// </summary>
    public static IHostApplicationBuilder AddTickets(this IHostApplicationBuilder builder)
    {
        builder.AddFeatureOptions<TicketOptions>(TicketOptions.Section);
        builder.Services.AddScoped<ITicketStore, PostgresTicketStore>();
        builder.Services.AddScoped<CoreTicketMemberSummary>();
        builder.Services.TryAddScoped<ITicketMemberSummary, TieredTicketMemberSummary>();
        builder.Services.TryAddScoped<IAppealOutcomes, NoAppealOutcomes>();
        builder.Services.AddScoped<TicketDesk>();
        builder.Services.AddScoped<IAppealDesk>(sp => sp.GetRequiredService<TicketDesk>());
        builder.Services.AddScoped<IFeature, TicketsFeature>();
        builder.Services.AddScoped<ICommandHandler, TicketCommands>();
        return builder;
    }
}
