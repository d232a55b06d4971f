using Bot.Adapters.Faq;
using Bot.Adapters.Postgres.Faq;
using Bot.Domain.Commands;
using Bot.Domain.Faq;
using Bot.Domain.Pipeline;
using Bot.Host.Hosting;

namespace Bot.Host.Features;

public static class FaqSetup
{
    /// <summary>FAQ auto-answers with feedback and "Did you mean", unanswered-question gaps, learning from staff and <c>/faq</c>.</summary>
    public static IHostApplicationBuilder AddFaq(this IHostApplicationBuilder builder)
    {
        builder.AddFeatureOptions<FaqOptions>(FaqOptions.Section);
        builder.Services.AddSingleton<FaqIndexCache>();
        builder.Services.AddSingleton<IFaqYamlReader, YamlFaqReader>();
        builder.Services.AddScoped<IFaqStore, PostgresFaqStore>();
        builder.Services.AddScoped<FaqLearning>();
        builder.Services.AddScoped<IFeature, FaqFeature>();
        builder.Services.AddScoped<ICommandHandler, FaqCommands>();
        return builder;
    }
}
