using Bot.Adapters.Postgres.Content;
using Bot.Domain.Commands;
using Bot.Domain.Content;
using Bot.Domain.Pipeline;
using Bot.Host.Hosting;

namespace Bot.Host.Features;

public static class ContentSetup
{
    /// <summary>Drafts, review, the content calendar, peak hours and scheduled publishing (<c>/post</c>, <c>/calendar</c>, <c>/peak</c>).</summary>
    public static IHostApplicationBuilder AddContent(this IHostApplicationBuilder builder)
    {
        builder.AddFeatureOptions<ContentOptions>(ContentOptions.Section);
        builder.Services.AddScoped<IContentStore, PostgresContentStore>();
        builder.Services.AddScoped<ContentDesk>();
        builder.Services.AddScoped<RevisionDesk>();
        builder.Services.AddScoped<IFeature, ContentFeature>();
        builder.Services.AddScoped<ICommandHandler, ContentCommands>();
        return builder;
    }
}
