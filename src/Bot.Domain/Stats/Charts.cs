namespace Bot.Domain.Stats;

/// <summary>A named run of values, one per category or day; <see cref="RightAxis"/> puts it on a second scale.</summary>
public sealed record ChartSeries(string Name, IReadOnlyList<double> Values, bool RightAxis = false);

/// <summary>What to draw, as data. The adapter turns it into a PNG; every label is already translated.</summary>
public abstract record ChartSpec(string Title, int Width = 900, int Height = 500);

/// <summary>Lines over days (x labels are the days).</summary>
public sealed record LineChartSpec(string Title, IReadOnlyList<DateOnly> Days, IReadOnlyList<ChartSeries> Series) : ChartSpec(Title);

/// <summary>Grouped bars, one group per category.</summary>
public sealed record BarChartSpec(string Title, IReadOnlyList<string> Categories, IReadOnlyList<ChartSeries> Series, string? ValueSuffix = null)
    : ChartSpec(Title);

/// <summary>
/// A grid of colored cells, <see cref="Values"/>[row][column]; a null cell is left blank. With
/// <see cref="CellFormat"/> each cell shows its value (a cohort table), without it only the color (a heat map).
/// </summary>
public sealed record HeatMapSpec(
    string Title,
    IReadOnlyList<string> RowLabels,
    IReadOnlyList<string> ColumnLabels,
    IReadOnlyList<IReadOnlyList<double?>> Values,
    string? CellFormat = null) : ChartSpec(Title);

/// <summary>Draws charts. Pure given its input: no I/O beyond finding the font.</summary>
public interface IChartRenderer
{
    /// <summary>The PNG, or null when charts cannot be drawn here (the adapter has logged why): answer without it.</summary>
    byte[]? RenderPng(ChartSpec chart);
}
