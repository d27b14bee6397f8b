using FluentValidation;

namespace SupportHub.Server.Features.Tickets;

internal sealed class TicketQueryValidator : AbstractValidator<TicketQuery>
{
    public TicketQueryValidator() => RuleFor(q => q.CustomerId).NotEmpty().MaximumLength(64);
}
