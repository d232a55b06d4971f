namespace Bot.Domain.Stats;

/// <summary>A named run of values, one per category or day; <see cref="RightAxis"/> puts it on a second scale.</summary>
public sealed record ChartSeries(string Name, IReadOnlyList<double> Values, bool RightAxis = false);

/// <summary>
/// What to draw, as data. The adapter turns it into a PNG; every label is already translated. <see cref="Locale"/>
/// formats the numbers the renderer writes itself (axis ticks: thousands separators); <see cref="EmptyText"/> is
/// drawn in words instead of the data when the chart has nothing to show.
/// </summary>
public abstract record ChartSpec(string Title, int Width = 900, int Height = 500)
{
    public string Locale { get; init; } = "en";

    /// <summary>A line under the title: what the figures cover, what is partial.</summary>
    public string? Note { get; init; }

    /// <summary>Said on the image when every value is zero or missing ("No activity in this period yet").</summary>
    public string? EmptyText { get; init; }
}

/// <summary>
/// Lines over days; <see cref="DayLabels"/> are the days as the community writes them (<c>11月24日</c>). When
/// <see cref="PartialLast"/> is set the last day is still running: it is drawn dashed and named in <see cref="PartialLabel"/>.
/// </summary>
public sealed record LineChartSpec(string Title, IReadOnlyList<DateOnly> Days, IReadOnlyList<string> DayLabels, IReadOnlyList<ChartSeries> Series)
    : ChartSpec(Title)
{
    public bool PartialLast { get; init; }

    public string? PartialLabel { get; init; }
}

/// <summary>Grouped bars, one group per category; a <see cref="double.NaN"/> value is "no figure" (no bar, a dash).</summary>
public sealed record BarChartSpec(string Title, IReadOnlyList<string> Categories, IReadOnlyList<ChartSeries> Series, string? ValueSuffix = null)
    : ChartSpec(Title)
{
    /// <summary>How the value labels on the bars are written (a .NET format string).</summary>
    public string ValueFormat { get; init; } = "N0";

    /// <summary>The top of the value axis when the scale has a fixed end (a 1–5 score); otherwise it fits the values.</summary>
    public double? AxisMax { get; init; }
}

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

/// <summary>A titled list of short lines (the week's top FAQ gaps): text the renderer wraps to its panel.</summary>
public sealed record TextPanelSpec(string Title, IReadOnlyList<string> Lines) : ChartSpec(Title);

/// <summary>Several charts on one picture, laid out in <see cref="Columns"/> columns, under one title.</summary>
public sealed record PanelsSpec(string Title, IReadOnlyList<ChartSpec> Panels, int Columns = 2, int Width = 1600, int Height = 1500)
    : ChartSpec(Title, Width, Height);

/// <summary>Draws charts. Pure given its input: no I/O beyond finding the font.</summary>
public interface IChartRenderer
{
    /// <summary>The PNG, or null when charts cannot be drawn here (the adapter has logged why): answer without it.</summary>
    byte[]? RenderPng(ChartSpec chart);
}
