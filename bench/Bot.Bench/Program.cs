namespace Bot.Bench;

/// <summary><c>dotnet run -c Release --project bench/Bot.Bench -- &lt;verb&gt;</c>: one benchmark per verb.</summary>
public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        var verb = args.Length > 0 ? args[0] : string.Empty;
        switch (verb)
        {
            case "rollup":
                await RollupBench.RunAsync();
                return 0;
            default:
                Console.Error.WriteLine("Usage: Bot.Bench <verb>. Verbs: rollup");
                return 2;
        }
    }
}
