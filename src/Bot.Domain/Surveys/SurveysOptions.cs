using System.ComponentModel.DataAnnotations;

namespace Bot.Domain.Surveys;

/// <summary>Bound from the <c>Surveys</c> section.</summary>
public sealed class SurveysOptions
{
    public const string Section = "Surveys";

    /// <summary>Days a survey round takes answers and comments.</summary>
    [Range(1, 60, ErrorMessage = "Surveys:ResponseDays must be 1 to 60.")]
    public int ResponseDays { get; set; } = 7;

    /// <summary>Longest comment kept.</summary>
    [Range(20, 2000, ErrorMessage = "Surveys:MaxCommentLength must be 20 to 2000.")]
    public int MaxCommentLength { get; set; } = 500;
}
