// Benchmark harness: one verb per measured concern, each in its own file.
//   dotnet run -c Release --project bench/Bot.Bench -- tiers
return args.FirstOrDefault() switch
{
    "tiers" => Bot.Bench.TierBench.Run(args[1..]),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: Bot.Bench <verb> [options]\nverbs: tiers");
    return 2;
}
