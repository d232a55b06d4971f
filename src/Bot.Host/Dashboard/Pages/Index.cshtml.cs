using Bot.Domain.Staff;

namespace Bot.Host.Dashboard.Pages;

/// <summary>The key figures and the activity chart: what <c>/stats</c> answers, asked as the signed-in member.</summary>
public sealed class IndexModel(DashboardServices services) : DashboardPage(services)
{
    private static readonly string[] Periods = ["7d", "30d", "90d"];

    public override string Section => "Overview";

    protected override Permission Needed => Permission.OpenDashboard;

    public string Period { get; private set; } = Periods[0];

    public IReadOnlyList<string> PeriodChoices => Periods;

    public string? Heading { get; private set; }

    public IReadOnlyList<string> Figures { get; private set; } = [];

    public string? ChartDataUri { get; private set; }

    public async Task OnGetAsync(string? period)
    {
        if (!Can(Permission.ViewStats))
        {
            return;
        }

        Period = Periods.Contains(period) ? period! : Periods[0];
        var answers = await Services.Commands.CommandAsync(Staff, "stats", Period, null, HttpContext.RequestAborted);
        var lines = answers.SelectMany(a => a.Text.Split('\n', StringSplitOptions.RemoveEmptyEntries)).ToList();
        Heading = lines.FirstOrDefault();
        Figures = [.. lines.Skip(1).Select(l => l.TrimStart('•', ' '))];
        ChartDataUri = answers.Select(a => a.Png).OfType<byte[]>().Select(png => "data:image/png;base64," + Convert.ToBase64String(png)).FirstOrDefault();
    }
}
