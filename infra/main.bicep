metadata description = 'CampaignFlow: the Function App (Flex Consumption, dotnet-isolated 10.0), its storage, identity, Key Vault, telemetry, alerts and workbook, in one resource group. Deploy with `azd up` or `az deployment sub create` (docs/operations.md).'

// Subscription scope, like the azd quickstarts: one command creates the resource group too, and
// `azd down` removes everything by deleting it.
targetScope = 'subscription'

@description('Required. A feed the poller reads: becomes `Feeds__Sources__<i>__Name`, `__Url` and `__Language`.')
type feedSource = {
  @description('Required. Short stable name, used in feed state and in `feed.health` events.')
  name: string

  @description('Required. Absolute https URL of the RSS or Atom feed.')
  url: string

  @description('Required. ISO 639-1 language of the feed (`en`, `no`).')
  language: string
}

@description('Required. Name of the azd environment (e.g. `cflow-prod`); seeds the unique suffix of every resource name and the resource group name.')
@minLength(1)
@maxLength(64)
param environmentName string

@description('Required. Azure region of every resource. Must offer the Flex Consumption plan (`az functionapp list-flexconsumption-locations`).')
@minLength(1)
@metadata({
  azd: {
    type: 'location'
  }
})
param location string

@description('Optional. Object ID of the deploying user (azd sets AZURE_PRINCIPAL_ID). Non-empty: that principal gets blob, queue and table data roles for the runbook commands and Key Vault Secrets Officer to set secrets.')
param principalId string = ''

@description('Optional. Type of `principalId`: `User` for a person, `ServicePrincipal` for a pipeline identity.')
@allowed([
  'User'
  'ServicePrincipal'
  'Group'
])
param principalType string = 'User'

@description('Optional. Resource group name. Empty: `rg-<environmentName>`.')
param resourceGroupName string = ''

@description('Optional. The SendGrid API key (Mail Send only), written into the Key Vault secret `SendGridApiKey` once per vault: not again while `sendGridApiKeyVault` names this deployment\'s vault, so a key rotated in Key Vault stays. Empty: not written; set it in Key Vault (docs/operations.md).')
@secure()
param sendGridApiKey string = ''

@description('Optional. The vault into which an earlier deployment wrote `SendGridApiKey`: the output `CAMPAIGNFLOW_SENDGRID_API_KEY_VAULT` of the last deployment (azd passes it back by itself).')
param sendGridApiKeyVault string = ''

@description('Optional. Create the Key Vault secret `TokenSigningKey` (from `newTokenSigningKey`) in a vault that does not have it yet (see `tokenSigningKeyVault`). azd sets it; a bare `az deployment` leaves it false and so never makes a new key.')
param createTokenSigningKey bool = false

@description('Optional. The vault in which an earlier deployment created `TokenSigningKey`: the output `CAMPAIGNFLOW_TOKEN_SIGNING_KEY_VAULT` of the last deployment (azd passes it back by itself). While it names this deployment\'s vault the key is left alone, so `campaignflow keys rotate` is never undone.')
param tokenSigningKeyVault string = ''

@description('Optional. Do not set: a fresh random value on every deployment (two GUIDs, 244 random bits), used only when `TokenSigningKey` is created.')
@secure()
param newTokenSigningKey string = replace('${newGuid()}${newGuid()}', '-', '')

@description('Optional. Changes the Key Vault name. A deleted vault keeps its name for the soft-delete retention (90 days) under purge protection, so after `azd down` give a new salt (any short text) before `azd up`. Empty: the name of the first deployment.')
@maxLength(20)
param keyVaultNameSalt string = ''

@description('Optional. Sender address of every email (`Email__FromAddress`); must be a verified sender or on an authenticated domain in SendGrid.')
param senderAddress string = 'noreply@example.org'

@description('Optional. Sender display name (`Email__FromName`).')
param senderName string = 'Cluster Munition Coalition alerts'

@description('Optional. SendGrid signed event webhook verification public key (`SendGrid__WebhookVerificationKey`, base64 ECDSA public key; not a secret). Empty until the webhook is configured.')
param sendGridWebhookVerificationKey string = ''

@description('Optional. Kill switch (`Sending__Paused`): true stops all email sending and deliveries wait in the queue. A redeploy sets it to this value.')
param sendingPaused bool = false

@description('Optional. Public https base URL for links in emails (`Email__PublicBaseUrl`), e.g. a custom domain. Empty: the Function App\'s default host name.')
param publicBaseUrl string = ''

@description('Optional. NCRONTAB schedule of the feed poll (`PollNewsFeed__Schedule`, six fields, UTC).')
param pollSchedule string = '0 */10 * * * *'

@description('Optional. NCRONTAB schedule of the daily digest (`SendDigest__Schedule`, six fields, UTC).')
param digestSchedule string = '0 0 7 * * *'

@description('Optional. The feeds to poll (`Feeds__Sources__<i>__*`). Default: the Norwegian government\'s news feed in English and Norwegian.')
@minLength(1)
param feeds feedSource[] = [
  {
    name: 'regjeringen-en'
    url: 'https://www.regjeringen.no/en/rss/Rss/2581966/'
    language: 'en'
  }
  {
    name: 'regjeringen-no'
    url: 'https://www.regjeringen.no/no/rss/Rss/2581966/'
    language: 'no'
  }
]

@description('Optional. Comma-separated email addresses that receive the alerts.')
param alertEmailAddresses string = ''

@description('Optional. Comma-separated phone numbers that receive the alerts by SMS, each `<country code>:<number>` (e.g. `47:91234567`).')
param alertSmsNumbers string = ''

@description('Optional. Comma-separated https URLs that receive the alerts as webhooks in the common alert schema (a PagerDuty Azure integration URL, a Teams workflow). Secure: such a URL carries its key. With no email, SMS or webhook receiver there is no action group and alerts show only in the portal.')
@secure()
param alertWebhookUrls string = ''

@description('Optional. Consecutive failed polls of one feed before the feed alert fires.')
@minValue(1)
param feedFailureThreshold int = 6

@description('Optional. Days without new content in a feed before the stale feed alert fires (the app reports staleness from `Feeds__StaleAfter`, 14 days).')
@minValue(1)
param feedStaleDays int = 14

@description('Optional. Failed function executions in 15 minutes before the function failure alert fires.')
@minValue(1)
param functionFailureThreshold int = 5

@description('Optional. Failed SendGrid batches in 15 minutes below which the SendGrid alert stays quiet.')
@minValue(1)
param sendGridFailureMinimum int = 3

@description('Optional. Percentage of failed SendGrid batches in 15 minutes at which the SendGrid alert fires (401/403 fire at once).')
@minValue(1)
@maxValue(100)
param sendGridFailureRatePercent int = 20

@description('Optional. How long PollNewsFeed and MonitorQueues may go without a successful run before the heartbeat alert fires (ISO 8601; at least three poll intervals).')
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

@description('Optional. Object ID of the operators\' Microsoft Entra group: blob, queue and table data roles on the storage account for the runbook commands. Empty: none (only `principalId` gets them).')
param operatorsGroupId string = ''

@description('Optional. A CanNotDelete lock on the storage account (subscribers, ledgers, exports). `azd down` fails until it is removed.')
param storageDeleteLock bool = false

@description('Optional. Days a subscriber export is kept before the lifecycle policy deletes it.')
@minValue(1)
param exportRetentionDays int = 30

@description('Optional. Days a previous blob version is kept before the lifecycle policy deletes it.')
@minValue(1)
param blobVersionRetentionDays int = 30

@description('Optional. Days a deleted blob, blob version or container can be restored.')
@minValue(1)
@maxValue(365)
param blobSoftDeleteDays int = 7

@description('Optional. Upper bound of Function App instances.')
@minValue(1)
@maxValue(1000)
param maximumInstanceCount int = 40

@description('Optional. Memory per Function App instance in MB.')
@allowed([
  512
  2048
  4096
])
param instanceMemoryMB int = 2048

@description('Optional. Key Vault purge protection; turn off only for throw-away environments (cannot be turned off once on).')
param keyVaultPurgeProtection bool = true

@description('Optional. Daily Log Analytics ingestion cap in GB (-1: none).')
param logDailyQuotaGb int = 1

@description('Optional. Application (client) ID of the Entra ID app registration with the `Staff` app role (created once, docs/operations.md). Empty: no staff sign-in is configured and the console at /staff answers 401 to everyone.')
param staffAuthClientId string = ''

var resourceToken = toLower(uniqueString(subscription().id, environmentName, location))
var tags = {
  'azd-env-name': environmentName
  app: 'campaignflow'
}
var serviceName = 'api' // the service in azure.yaml
var functionAppName = 'func-${serviceName}-${resourceToken}'
// Names known before deployment (not module outputs), so what-if can predict the role assignments and the app.
var storageAccountName = 'st${resourceToken}'
var keyVaultName = empty(keyVaultNameSalt)
  ? 'kv-${resourceToken}'
  : 'kv-${toLower(uniqueString(subscription().id, environmentName, location, keyVaultNameSalt))}'
var applicationInsightsName = 'appi-${resourceToken}'

// Data the app uses; the -poison queues are created by the Functions host on first use.
var queueNames = [
  'stories'
  'alerts'
  'deliveries'
  'digests'
]
var tableNames = [
  'feedstate'
  'stories'
  'subscribers'
  'deliveries'
  'ratelimits' // sign-up counts per hashed IP / address and window, shared by every instance
  'providerevents' // SendGrid event ids already counted (3 days), so a replayed webhook batch counts once
  'staff' // the staff console's record of staff actions (who, when, what) and local one-time sign-in codes
]
var containerNames = [
  'config' // rule sets (rules/active.json, rules/history/; `campaignflow rules publish`) and published email templates, hot-reloaded
]
var deploymentContainerName = 'app-package'
var exportContainerName = 'exports' // scheduled subscriber exports: private, versioned, expire after exportRetentionDays

resource rg 'Microsoft.Resources/resourceGroups@2024-03-01' = {
  name: !empty(resourceGroupName) ? resourceGroupName : 'rg-${environmentName}'
  location: location
  tags: tags
}

module identity 'app/identity.bicep' = {
  name: 'identity'
  scope: rg
  params: {
    name: 'id-${serviceName}-${resourceToken}'
    location: location
    tags: tags
  }
}

module storage 'app/storage.bicep' = {
  name: 'storage'
  scope: rg
  params: {
    name: storageAccountName
    location: location
    tags: tags
    deploymentContainerName: deploymentContainerName
    exportContainerName: exportContainerName
    containerNames: containerNames
    queueNames: queueNames
    tableNames: tableNames
    softDeleteRetentionDays: blobSoftDeleteDays
    versionRetentionDays: blobVersionRetentionDays
    exportRetentionDays: exportRetentionDays
    deleteLock: storageDeleteLock
  }
}

module monitoring 'app/monitoring.bicep' = {
  name: 'monitoring'
  scope: rg
  params: {
    logAnalyticsName: 'log-${resourceToken}'
    applicationInsightsName: applicationInsightsName
    location: location
    tags: tags
    dailyQuotaGb: logDailyQuotaGb
  }
}

module keyVault 'app/keyvault.bicep' = {
  name: 'keyvault'
  scope: rg
  params: {
    name: keyVaultName
    location: location
    tags: tags
    enablePurgeProtection: keyVaultPurgeProtection
    sendGridApiKey: sendGridApiKey
    sendGridApiKeyVault: sendGridApiKeyVault
    createTokenSigningKey: createTokenSigningKey
    tokenSigningKeyVault: tokenSigningKeyVault
    newTokenSigningKey: newTokenSigningKey
  }
}

module rbac 'app/rbac.bicep' = {
  name: 'rbac'
  scope: rg
  params: {
    storageAccountName: storageAccountName
    keyVaultName: keyVaultName
    applicationInsightsName: applicationInsightsName
    // The assignment names are guid(scope.id, principalId, roleId) (house style): a recreated identity gets new
    // assignments instead of a conflict. The principal does not exist before deployment, so what-if cannot predict it.
    #disable-next-line what-if-short-circuiting
    appPrincipalId: identity.outputs.principalId
    userPrincipalId: principalId
    userPrincipalType: principalType
    operatorsGroupId: operatorsGroupId
  }
  dependsOn: [
    storage
    keyVault
    monitoring
  ]
}

module api 'app/api.bicep' = {
  name: 'api'
  scope: rg
  params: {
    name: functionAppName
    planName: 'plan-${resourceToken}'
    location: location
    tags: tags
    serviceName: serviceName
    identityId: identity.outputs.resourceId
    identityClientId: identity.outputs.clientId
    storageAccountName: storageAccountName
    deploymentContainerName: deploymentContainerName
    keyVaultName: keyVaultName
    applicationInsightsName: applicationInsightsName
    instanceMemoryMB: instanceMemoryMB
    maximumInstanceCount: maximumInstanceCount
    feeds: feeds
    pollSchedule: pollSchedule
    digestSchedule: digestSchedule
    senderAddress: senderAddress
    senderName: senderName
    sendGridWebhookVerificationKey: sendGridWebhookVerificationKey
    publicBaseUrl: publicBaseUrl
    sendingPaused: sendingPaused
  }
  // The host starts as soon as the app exists: let it find its storage and Key Vault roles in place.
  dependsOn: [
    storage
    keyVault
    monitoring
    rbac
  ]
}

module alerts 'app/alerts.bicep' = {
  name: 'alerts'
  scope: rg
  params: {
    namePrefix: environmentName
    location: location
    tags: tags
    applicationInsightsId: monitoring.outputs.applicationInsightsId
    logAnalyticsId: monitoring.outputs.logAnalyticsId
    alertEmailAddresses: filter(map(split(alertEmailAddresses, ','), address => trim(address)), address => !empty(address))
    alertSmsReceivers: map(filter(map(split(alertSmsNumbers, ','), number => trim(number)), number => !empty(number)), number => {
      countryCode: trim(split(number, ':')[0])
      phoneNumber: trim(last(split(number, ':')))
    })
    alertWebhookUrls: alertWebhookUrls
    feedFailureThreshold: feedFailureThreshold
    feedStaleDays: feedStaleDays
    functionFailureThreshold: functionFailureThreshold
    sendGridFailureMinimum: sendGridFailureMinimum
    sendGridFailureRatePercent: sendGridFailureRatePercent
    pollHeartbeatWindow: pollHeartbeatWindow
  }
}

// The staff console's sign-in: App Service authentication with Entra ID, once an app registration exists.
module staffAuth 'app/staffauth.bicep' = if (!empty(staffAuthClientId)) {
  name: 'staffAuth'
  scope: rg
  params: {
    functionAppName: functionAppName
    clientId: staffAuthClientId
  }
  dependsOn: [
    api
  ]
}

module workbook 'app/workbook.bicep' = {
  name: 'workbook'
  scope: rg
  params: {
    displayName: 'CampaignFlow operations (${environmentName})'
    location: location
    tags: tags
    applicationInsightsId: monitoring.outputs.applicationInsightsId
  }
}

@description('Region of the deployment (azd).')
output AZURE_LOCATION string = location

@description('Tenant of the deployment (azd).')
output AZURE_TENANT_ID string = tenant().tenantId

@description('Resource group holding every resource (azd).')
output AZURE_RESOURCE_GROUP string = rg.name

@description('Name of the Function App.')
output AZURE_FUNCTION_APP_NAME string = api.outputs.name

@description('Name of the Function App, for the azd service `api`.')
output SERVICE_API_NAME string = api.outputs.name

@description('https URL of the Function App, for the azd service `api`.')
output SERVICE_API_URI string = api.outputs.uri

@description('Name of the storage account (runbook commands: `--account`).')
output AZURE_STORAGE_ACCOUNT_NAME string = storage.outputs.name

@description('Blob endpoint of the storage account.')
output AZURE_STORAGE_BLOB_ENDPOINT string = storage.outputs.blobEndpoint

@description('Queue endpoint of the storage account (runbook `queues` commands).')
output AZURE_STORAGE_QUEUE_ENDPOINT string = storage.outputs.queueEndpoint

@description('Table endpoint of the storage account.')
output AZURE_STORAGE_TABLE_ENDPOINT string = storage.outputs.tableEndpoint

@description('Name of the Key Vault holding SendGridApiKey and TokenSigningKey.')
output AZURE_KEY_VAULT_NAME string = keyVault.outputs.name

@description('The vault that holds SendGridApiKey written by a deployment (empty if none): azd keeps it and passes it back as `sendGridApiKeyVault`, so the key is written once per vault.')
output CAMPAIGNFLOW_SENDGRID_API_KEY_VAULT string = keyVault.outputs.sendGridApiKeyVault

@description('The vault that holds TokenSigningKey created by a deployment (empty if none): azd keeps it and passes it back as `tokenSigningKeyVault`, so the key is created once per vault.')
output CAMPAIGNFLOW_TOKEN_SIGNING_KEY_VAULT string = keyVault.outputs.tokenSigningKeyVault

@description('URI of the Key Vault.')
output AZURE_KEY_VAULT_ENDPOINT string = keyVault.outputs.uri

@description('Client ID of the Function App user-assigned identity.')
output AZURE_USER_ASSIGNED_IDENTITY_CLIENT_ID string = identity.outputs.clientId

@description('Application Insights connection string (an identifier: ingestion needs a Microsoft Entra token).')
output APPLICATIONINSIGHTS_CONNECTION_STRING string = monitoring.outputs.connectionString

@description('Name of the Application Insights component.')
output AZURE_APPLICATION_INSIGHTS_NAME string = monitoring.outputs.applicationInsightsName

@description('Names of the alert rules.')
output AZURE_ALERT_RULE_NAMES string[] = alerts.outputs.alertRuleNames

@description('Resource ID of the operators\' workbook.')
output AZURE_WORKBOOK_ID string = workbook.outputs.resourceId
