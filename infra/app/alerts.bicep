metadata description = 'Operator alerts over Application Insights telemetry, and the action group they notify. Each rule\'s description says what it means; docs/operations.md says what to do.'

@description('Required. Prefix of the alert rule names (e.g. the environment name).')
param namePrefix string

@description('Required. Azure region of the log search alert rules.')
param location string

@description('Optional. Tags applied to the alert rules and the action group.')
param tags object = {}

@description('Required. Resource ID of the Application Insights component the rules query.')
param applicationInsightsId string

@description('Optional. Email addresses that receive the alerts. Empty: no action group is created and alerts show only in the portal.')
param alertEmailAddresses string[] = []

@description('Optional. Consecutive failed polls of one feed before the feed alert fires (10 minutes each at the default schedule).')
@minValue(1)
param feedFailureThreshold int = 6

@description('Optional. Failed function executions in 15 minutes before the function failure alert fires.')
@minValue(1)
param functionFailureThreshold int = 5

@description('Optional. Whether the rules are enabled (disable in a test environment that would only make noise).')
param enabled bool = true

var actionGroupShortName = take('cflow${uniqueString(namePrefix)}', 12)

resource actionGroup 'Microsoft.Insights/actionGroups@2023-01-01' = if (!empty(alertEmailAddresses)) {
  name: '${namePrefix}-operators'
  location: 'global'
  tags: tags
  properties: {
    groupShortName: actionGroupShortName
    enabled: true
    emailReceivers: [
      for (address, i) in alertEmailAddresses: {
        name: 'operator-${i}'
        emailAddress: address
        useCommonAlertSchema: true
      }
    ]
  }
}

var actionGroups = empty(alertEmailAddresses) ? [] : [actionGroup.id]

@description('Log search alert rules over the App Insights tables (customEvents, customMetrics, requests, exceptions).')
var rules = [
  {
    name: 'function-failures'
    displayName: 'CampaignFlow: function failures'
    description: 'Function executions failed (requests with success == false, or unhandled exceptions) at least ${functionFailureThreshold} times in 15 minutes. Queue messages are retried and end in a -poison queue after 5 tries.'
    severity: 2
    query: 'union (requests | where success == false | project timestamp, operation_Name), (exceptions | where severityLevel >= 3 | project timestamp, operation_Name) | summarize failures = count() by operation_Name | where failures >= ${functionFailureThreshold}'
    dimension: 'operation_Name'
  }
  {
    name: 'poison-messages'
    displayName: 'CampaignFlow: messages in a poison queue'
    description: 'The custom metric queue.poison.depth reported a message in a -poison queue: a stage gave up on a message after the maximum dequeue count. Inspect with ./campaignflow queues poison list.'
    severity: 1
    query: 'customMetrics | where name == "queue.poison.depth" | extend queue = tostring(customDimensions.queue) | summarize depth = max(valueMax) by queue | where depth > 0'
    dimension: 'queue'
  }
  {
    name: 'feed-failing'
    displayName: 'CampaignFlow: a feed is failing'
    description: 'The latest feed.health event of a feed reports at least ${feedFailureThreshold} consecutive failed polls: no stories arrive from that feed.'
    severity: 2
    query: 'customEvents | where name == "feed.health" | extend feedName = tostring(customDimensions.feedName), consecutiveFailures = toint(customDimensions.consecutiveFailures) | summarize arg_max(timestamp, consecutiveFailures) by feedName | where consecutiveFailures >= ${feedFailureThreshold}'
    dimension: 'feedName'
  }
  {
    name: 'sendgrid-errors'
    displayName: 'CampaignFlow: SendGrid errors'
    description: 'An email batch failed at SendGrid (email.batch.failed), or calls to the SendGrid API failed with 4xx/5xx. Batches are retried; a 401/403 means the API key is wrong or revoked.'
    severity: 1
    query: 'union (customEvents | where name == "email.batch.failed" | project timestamp, reason = tostring(customDimensions.reason)), (dependencies | where target has "sendgrid" and success == false | project timestamp, reason = strcat("HTTP ", resultCode)) | summarize failures = count() by reason'
    dimension: 'reason'
  }
  {
    name: 'delivery-uncertain'
    displayName: 'CampaignFlow: deliveries of uncertain outcome'
    description: 'A worker died with a SendGrid request in flight (email.batch.uncertain): its recipients are never sent that story again, so they may have missed it. Look the attempts up in SendGrid Activity by the custom arg delivery_attempt.'
    severity: 2
    query: 'customEvents | where name == "email.batch.uncertain" | extend storyId = tostring(customDimensions.storyId), attempts = tostring(customDimensions.attempts), recipients = toint(customDimensions["count"]) | summarize recipients = sum(recipients), attempts = make_set(attempts) by storyId'
    dimension: 'storyId'
  }
  {
    name: 'sending-paused'
    displayName: 'CampaignFlow: sending paused'
    description: 'The app recorded sending.paused in the last 15 minutes: the kill switch is on and deliveries wait in the queue. Resolves itself 15 minutes after the last such event. Informational unless nobody meant to pause.'
    severity: 3
    query: 'customEvents | where name == "sending.paused" | project timestamp'
    dimension: ''
  }
]

resource alertRules 'Microsoft.Insights/scheduledQueryRules@2023-12-01' = [
  for rule in rules: {
    name: '${namePrefix}-${rule.name}'
    location: location
    tags: tags
    kind: 'LogAlert'
    properties: {
      displayName: rule.displayName
      description: rule.description
      severity: rule.severity
      enabled: enabled
      scopes: [
        applicationInsightsId
      ]
      evaluationFrequency: 'PT5M'
      windowSize: 'PT15M'
      autoMitigate: true
      criteria: {
        allOf: [
          {
            query: rule.query
            timeAggregation: 'Count'
            operator: 'GreaterThan'
            threshold: 0
            dimensions: empty(rule.dimension)
              ? []
              : [
                  {
                    name: rule.dimension
                    operator: 'Include'
                    values: [
                      '*'
                    ]
                  }
                ]
            failingPeriods: {
              numberOfEvaluationPeriods: 1
              minFailingPeriodsToAlert: 1
            }
          }
        ]
      }
      actions: {
        actionGroups: actionGroups
      }
    }
  }
]

@description('The names of the alert rules.')
output alertRuleNames string[] = [for (rule, i) in rules: alertRules[i].name]

@description('The resource ID of the action group, or empty when no email receiver was given.')
output actionGroupId string = empty(alertEmailAddresses) ? '' : actionGroup.id
