metadata description = 'Operator alerts over Application Insights telemetry and the Log Analytics operation log, and the action group they notify (email, SMS, webhooks). Each rule\'s description says what it means; docs/operations.md says what to do.'

@description('Required. An SMS receiver of the action group.')
type smsReceiver = {
  @description('Required. Country calling code without + or 00 (`47` for Norway).')
  countryCode: string

  @description('Required. Phone number without the country code.')
  phoneNumber: string
}

@description('Required. Prefix of the alert rule names (e.g. the environment name).')
param namePrefix string

@description('Required. Azure region of the log search alert rules.')
param location string

@description('Optional. Tags applied to the alert rules and the action group.')
param tags object = {}

@description('Required. Resource ID of the Application Insights component most rules query.')
param applicationInsightsId string

@description('Required. Resource ID of the Log Analytics workspace; the daily cap rule queries its operation log (`_LogOperation`).')
param logAnalyticsId string

@description('Optional. Email addresses that receive the alerts.')
param alertEmailAddresses string[] = []

@description('Optional. Phone numbers that receive the alerts by SMS.')
param alertSmsReceivers smsReceiver[] = []

@description('Optional. Comma-separated https URLs that receive the alerts as webhooks (common alert schema): a PagerDuty Azure integration URL, a Teams workflow, … Secure: such a URL carries its own key.')
@secure()
param alertWebhookUrls string = ''

@description('Optional. Consecutive failed polls of one feed before the feed alert fires (10 minutes each at the default schedule). The app reports a failing feed from `Feeds__FailureAlertThreshold` (3) on, so lower values act as 3.')
@minValue(1)
param feedFailureThreshold int = 6

@description('Optional. Days without new content in a feed before the stale feed alert fires. The app reports a stale feed from `Feeds__StaleAfter` (14 days) on, so lower values act as 14.')
@minValue(1)
param feedStaleDays int = 14

@description('Optional. Failed function executions of one function in 15 minutes before the function failure alert fires.')
@minValue(1)
param functionFailureThreshold int = 5

@description('Optional. Failed SendGrid batches in 15 minutes below which the SendGrid alert stays quiet, whatever the rate (one 429 pages nobody).')
@minValue(1)
param sendGridFailureMinimum int = 3

@description('Optional. Percentage of failed SendGrid batches (of all batches sent or failed) in 15 minutes at which the SendGrid alert fires. A 401 or 403 (key revoked) fires at once.')
@minValue(1)
@maxValue(100)
param sendGridFailureRatePercent int = 20

@description('Optional. How long PollNewsFeed (and MonitorQueues) may go without a successful run before the heartbeat alert fires. Keep it at least three poll intervals.')
@allowed([
  'PT30M'
  'PT45M'
  'PT1H'
  'PT2H'
  'PT6H'
  'PT12H'
  'P1D'
])
param pollHeartbeatWindow string = 'PT30M'

@description('Optional. Whether the rules are enabled (disable in a test environment that would only make noise).')
param enabled bool = true

var actionGroupShortName = take('cflow${uniqueString(namePrefix)}', 12)
var webhookUrls = filter(map(split(alertWebhookUrls, ','), url => trim(url)), url => !empty(url))
var hasReceivers = !empty(alertEmailAddresses) || !empty(alertSmsReceivers) || !empty(alertWebhookUrls)

resource actionGroup 'Microsoft.Insights/actionGroups@2023-01-01' = if (hasReceivers) {
  name: '${namePrefix}-operators'
  location: 'global'
  tags: tags
  properties: {
    groupShortName: actionGroupShortName
    enabled: true
    emailReceivers: [
      for (address, i) in alertEmailAddresses: {
        name: 'email-${i}'
        emailAddress: address
        useCommonAlertSchema: true
      }
    ]
    smsReceivers: [
      for (sms, i) in alertSmsReceivers: {
        name: 'sms-${i}'
        countryCode: sms.countryCode
        phoneNumber: sms.phoneNumber
      }
    ]
    webhookReceivers: [
      for (url, i) in webhookUrls: {
        name: 'webhook-${i}'
        serviceUri: url
        useCommonAlertSchema: true
      }
    ]
  }
}

var actionGroups = hasReceivers ? [actionGroup.id] : []

// Every rule counts the rows its query returns and fires on more than zero, so each query says in KQL when to fire.
// Requests are filtered by operation_Name (the function), never by `name`: in these queries `name` is always a custom
// event or metric of PipelineEvents (a test reads them against the code).
@description('Log search alert rules: scope (component or workspace), query, window and the dimension that splits alerts.')
var rules = [
  {
    name: 'function-failures'
    displayName: 'CampaignFlow: function failures'
    description: 'A function failed at least ${functionFailureThreshold} times in 15 minutes (failed requests, counted with their sampling itemCount; an unhandled exception is part of its failed request, not counted again). Queue messages are retried and end in a -poison queue after 5 tries.'
    severity: 2
    scope: applicationInsightsId
    windowSize: 'PT15M'
    evaluationFrequency: 'PT5M'
    query: 'requests | where success == false | summarize failures = sum(itemCount) by operation_Name | where failures >= ${functionFailureThreshold}'
    dimension: 'operation_Name'
  }
  {
    name: 'poison-messages'
    displayName: 'CampaignFlow: messages in a poison queue'
    description: 'The latest queue.poison.depth (MonitorQueues, every 5 minutes) of a queue is above zero: a stage gave up on a message after the maximum dequeue count. Inspect with ./campaignflow queues poison list.'
    severity: 1
    scope: applicationInsightsId
    windowSize: 'PT15M'
    evaluationFrequency: 'PT5M'
    query: 'customMetrics | where name == "queue.poison.depth" | extend queue = tostring(customDimensions.queue) | summarize arg_max(timestamp, valueMax) by queue | where valueMax > 0'
    dimension: 'queue'
  }
  {
    name: 'feed-failing'
    displayName: 'CampaignFlow: a feed is failing'
    description: 'The latest feed.health of a feed reports at least ${feedFailureThreshold} consecutive failed polls: no stories arrive from that feed.'
    severity: 2
    scope: applicationInsightsId
    windowSize: 'PT15M'
    evaluationFrequency: 'PT5M'
    query: 'customEvents | where name == "feed.health" | extend feedName = tostring(customDimensions.feedName), problem = tostring(customDimensions.problem), consecutiveFailures = toint(customDimensions.consecutiveFailures) | where problem == "failing" | summarize arg_max(timestamp, consecutiveFailures) by feedName | where consecutiveFailures >= ${feedFailureThreshold}'
    dimension: 'feedName'
  }
  {
    name: 'feed-stale'
    displayName: 'CampaignFlow: a feed has had nothing new for days'
    description: 'The latest feed.health of a feed reports it stale: its content has not changed for at least ${feedStaleDays} days although it answers. The feed may have moved (the old URL frozen) or the publisher stopped.'
    severity: 3
    scope: applicationInsightsId
    windowSize: 'PT2H'
    evaluationFrequency: 'PT1H'
    query: 'customEvents | where name == "feed.health" | extend feedName = tostring(customDimensions.feedName), problem = tostring(customDimensions.problem), unchangedDays = todouble(customDimensions.unchangedDays) | where problem == "stale" | summarize arg_max(timestamp, unchangedDays) by feedName | where unchangedDays >= ${feedStaleDays}'
    dimension: 'feedName'
  }
  {
    name: 'poll-heartbeat'
    displayName: 'CampaignFlow: PollNewsFeed has not run'
    description: 'PollNewsFeed (or MonitorQueues) has not completed successfully within ${pollHeartbeatWindow}: no stories are collected (or no queue depths and sending state are reported, so other alerts are blind). The app may be stopped, failing to start, or out of instances.'
    severity: 1
    scope: applicationInsightsId
    windowSize: pollHeartbeatWindow
    evaluationFrequency: 'PT5M'
    query: 'datatable(operation_Name: string) ["PollNewsFeed", "MonitorQueues"] | join kind=leftouter (requests | where success == true | summarize successes = sum(itemCount) by operation_Name) on operation_Name | where isnull(successes) | project operation_Name'
    dimension: 'operation_Name'
  }
  {
    name: 'sendgrid-errors'
    displayName: 'CampaignFlow: SendGrid errors'
    description: 'At least ${sendGridFailureMinimum} email batches failed at SendGrid in 15 minutes and they are at least ${sendGridFailureRatePercent}% of the batches tried, or SendGrid answered 401/403 (the API key is wrong or revoked). Split by statusCode (none: no answer). Batches are retried.'
    severity: 1
    scope: applicationInsightsId
    windowSize: 'PT15M'
    evaluationFrequency: 'PT5M'
    query: 'let batches = customEvents | where name in ("email.batch.sent", "email.batch.failed"); let attempts = toscalar(batches | summarize sum(itemCount)); let failed = toscalar(batches | where name == "email.batch.failed" | summarize sum(itemCount)); batches | where name == "email.batch.failed" | summarize failures = sum(itemCount) by statusCode = tostring(customDimensions.statusCode) | extend failureRatePercent = round(100.0 * failed / attempts, 1) | where statusCode in ("401", "403") or (failed >= ${sendGridFailureMinimum} and failureRatePercent >= ${sendGridFailureRatePercent})'
    dimension: 'statusCode'
  }
  {
    name: 'delivery-uncertain'
    displayName: 'CampaignFlow: deliveries of uncertain outcome'
    description: 'A worker died with a SendGrid request in flight (email.batch.uncertain): its recipients are never sent that story again, so they may have missed it. Look the attempts up in SendGrid Activity by the custom arg delivery_attempt.'
    severity: 2
    scope: applicationInsightsId
    windowSize: 'PT15M'
    evaluationFrequency: 'PT5M'
    query: 'customEvents | where name == "email.batch.uncertain" | extend storyId = tostring(customDimensions.storyId), attempts = tostring(customDimensions.attempts), recipients = toint(customDimensions["count"]) | summarize recipients = sum(recipients), attempts = make_set(attempts) by storyId'
    dimension: 'storyId'
  }
  {
    name: 'sending-paused'
    displayName: 'CampaignFlow: sending paused'
    description: 'The latest sending.state (MonitorQueues, every 5 minutes) says sending is paused (Sending__Paused, `campaignflow sending pause`, or a spike of spam reports): deliveries wait in their queues. Resolves once sending resumes. Informational unless nobody meant to pause.'
    severity: 3
    scope: applicationInsightsId
    windowSize: 'PT15M'
    evaluationFrequency: 'PT5M'
    query: 'customMetrics | where name == "sending.state" | summarize arg_max(timestamp, valueMax, customDimensions) | where valueMax > 0 | project timestamp, reason = tostring(customDimensions.reason)'
    dimension: ''
  }
  {
    name: 'log-daily-cap'
    displayName: 'CampaignFlow: Log Analytics daily cap reached'
    description: 'The workspace reached its daily ingestion cap (logDailyQuotaGb): telemetry stops until the cap resets, and every other rule goes blind. Raise the cap or find what logs so much.'
    severity: 2
    scope: logAnalyticsId
    windowSize: 'PT15M'
    evaluationFrequency: 'PT5M'
    query: '_LogOperation | where Category =~ "Ingestion" | where Detail contains "OverQuota"'
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
        rule.scope
      ]
      evaluationFrequency: rule.evaluationFrequency
      windowSize: rule.windowSize
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

@description('The resource ID of the action group, or empty when no receiver was given.')
output actionGroupId string = hasReceivers ? actionGroup.id : ''
