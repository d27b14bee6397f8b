// Validators of the queue page and flood requests.
using FluentValidation;

namespace SupportHub.Server.Features.Chat;

internal sealed class QueuePageValidator : AbstractValidator<QueuePageRequest>
{
    public QueuePageValidator()
    {
        RuleFor(r => r.Level).GreaterThanOrEqualTo(1);
        RuleFor(r => r.Skip).InclusiveBetween(0, 1_000_000);
    }
}

internal sealed class PurgeFloodValidator : AbstractValidator<PurgeFloodRequest>
{
    public PurgeFloodValidator() => RuleFor(r => r.StartedFrom).NotEmpty().MaximumLength(ChatLimits.MaxIdLength);
}
