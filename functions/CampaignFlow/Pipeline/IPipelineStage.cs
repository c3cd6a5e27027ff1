namespace CampaignFlow.Pipeline;

/// <summary>One queue-triggered stage of the pipeline; hosts (Functions, local) only bind and delegate.</summary>
public interface IPipelineStage<in TMessage, TResult>
{
    Task<TResult> HandleAsync(TMessage message, CancellationToken cancellationToken = default);
}
