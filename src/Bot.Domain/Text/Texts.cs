using System.Globalization;
using System.Resources;

namespace Bot.Domain.Text;

/// <summary>
/// One feature's user-facing strings: a <c>.resx</c> per feature folder, with a <c>zh-TW</c> satellite.
/// A missing key is a bug, so it throws rather than showing the key to members.
/// </summary>
public sealed class Texts(ResourceManager resources)
{
    public static Texts For<TAnchor>(string resourceName) =>
        new(new ResourceManager($"{typeof(TAnchor).Namespace}.{resourceName}", typeof(TAnchor).Assembly));

    public ResourceManager Resources => resources;

    public string Get(CultureInfo culture, string key, params object?[] args)
    {
        var format = resources.GetString(key, culture)
            ?? throw new KeyNotFoundException($"Missing text '{key}' in {resources.BaseName}.");
        return args.Length == 0 ? format : string.Format(culture, format, args);
    }
}
