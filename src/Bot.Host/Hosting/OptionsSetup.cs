using Microsoft.Extensions.Options;

namespace Bot.Host.Hosting;

public static class OptionsSetup
{
    /// <summary>
    /// Binds <typeparamref name="T"/> from <paramref name="section"/>, validates its DataAnnotations when the host
    /// starts (a wrong value stops start-up naming the key), and registers the bound object itself so that
    /// domain classes take plain options rather than <see cref="IOptions{T}"/>.
    /// </summary>
    public static IHostApplicationBuilder AddFeatureOptions<T>(this IHostApplicationBuilder builder, string section)
        where T : class
    {
        builder.Services.AddOptions<T>()
            .Bind(builder.Configuration.GetSection(section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton(sp => sp.GetRequiredService<IOptions<T>>().Value);
        return builder;
    }
}
