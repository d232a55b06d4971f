using Bot.Adapters.Postgres.Invites;
using Bot.Domain.Commands;
using Bot.Domain.Invites;
using Bot.Domain.Pipeline;
using Bot.Host.Hosting;

namespace Bot.Host.Features;

public static class InvitesSetup
{
    /// <summary>Personal invite links, join attribution, and rewards paid once per invitee who stays and takes part. Needs <c>AddTiering()</c>.</summary>
    public static IHostApplicationBuilder AddInvites(this IHostApplicationBuilder builder)
    {
        builder.AddFeatureOptions<InvitesOptions>(InvitesOptions.Section);
        builder.Services.AddScoped<IInviteStore, PostgresInviteStore>();
        builder.Services.AddScoped<IFeature, InvitesFeature>();
        builder.Services.AddScoped<ICommandHandler, InvitesCommands>();
        return builder;
    }
}
