// Benchmark harness: one verb per measured concern, each in its own file.
//   dotnet run -c Release --project bench/Bot.Bench -- filter
return args.FirstOrDefault() switch
{
    "filter" => Bot.Bench.FilterBench.Run(args[1..]),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: Bot.Bench <verb> [options]\nverbs: filter");
    return 2;
}
