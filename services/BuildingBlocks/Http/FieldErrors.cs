using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace NotificationAspire.Http;

/// <summary>Validation messages keyed by the JSON path of the field they concern (`recipients[3].email`), as a 400 reports them.</summary>
public sealed class FieldErrors
{
    private readonly Dictionary<string, string[]> errors = new(StringComparer.Ordinal);

    public bool Any => errors.Count > 0;

    public IReadOnlyDictionary<string, string[]> ByField => errors;

    public void Add(string field, string message) => errors[field] = [.. errors.GetValueOrDefault(field, []), message];

    public ValidationProblem ToProblem() => TypedResults.ValidationProblem(errors);

    /// <summary>A 400 with one message for one field, for checks that stop at the first problem.</summary>
    public static ValidationProblem Single(string field, string message) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] });
}
