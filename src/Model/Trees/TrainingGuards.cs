namespace Visco.Model.Trees;

/// <summary>Argument checks shared by the trainers.</summary>
internal static class TrainingGuards
{
    public static void CheckShapes(FeatureMatrix train, int targetCount, FeatureMatrix? validation, int? validationTargetCount)
    {
        if (train.Rows < 2)
        {
            throw new ArgumentException("Training needs at least two rows.", nameof(train));
        }

        if (targetCount != train.Rows)
        {
            throw new ArgumentException($"{train.Rows} training rows but {targetCount} targets.", nameof(targetCount));
        }

        if (validation is null)
        {
            return;
        }

        if (validation.Columns != train.Columns)
        {
            throw new ArgumentException(
                $"Validation has {validation.Columns} features, training {train.Columns}.", nameof(validation));
        }

        if (validationTargetCount != validation.Rows || validation.Rows == 0)
        {
            throw new ArgumentException(
                $"{validation.Rows} validation rows but {validationTargetCount?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "no"} targets.",
                nameof(validation));
        }
    }
}
