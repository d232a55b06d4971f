namespace Bot.Bench;

/// <summary>
/// Benchmarks that print figures: <c>dotnet run -c Release --project bench/Bot.Bench -- &lt;verb&gt;</c>.
/// Each verb is a class implementing <see cref="IBenchVerb"/> in its own file; no verb runs everything.
/// </summary>
public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        var verbs = typeof(Program).Assembly.GetTypes()
            .Where(t => typeof(IBenchVerb).IsAssignableFrom(t) && t is { IsClass: true, IsAbstract: false })
            .Select(t => (IBenchVerb)Activator.CreateInstance(t)!)
            .OrderBy(v => v.Name, StringComparer.Ordinal)
            .ToList();
        var verb = verbs.FirstOrDefault(v => args.Length > 0 && v.Name.Equals(args[0], StringComparison.OrdinalIgnoreCase));
        if (verb is null)
        {
            Console.Error.WriteLine("Usage: Bot.Bench <verb> [options]. Verbs:");
            foreach (var v in verbs)
            {
                Console.Error.WriteLine($"  {v.Name,-10} {v.Description}");
            }

            return 2;
        }

        await verb.RunAsync(args[1..]);
        return 0;
    }
}

/// <summary>One benchmark: prints its figures to stdout.</summary>
public interface IBenchVerb
{
    string Name { get; }

    string Description { get; }

    Task RunAsync(string[] args);
}
