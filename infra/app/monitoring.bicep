metadata description = 'Log Analytics workspace and workspace-based Application Insights with local (instrumentation-key) authentication disabled: only Microsoft Entra-authenticated telemetry is accepted.'

@description('Required. Name of the Log Analytics workspace.')
param logAnalyticsName string

@description('Required. Name of the Application Insights component.')
param applicationInsightsName string

@description('Required. Azure region of both resources.')
param location string

@description('Optional. Tags applied to both resources.')
param tags object = {}

@description('Optional. Days the workspace keeps logs (30 is included in the ingestion price).')
@minValue(30)
@maxValue(730)
param retentionInDays int = 30

@description('Optional. Daily ingestion cap in GB for the workspace; -1 for none. A cap protects the bill from a logging loop.')
param dailyQuotaGb int = 1

resource logAnalytics 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: logAnalyticsName
  location: location
  tags: tags
  properties: {
    sku: {
      name: 'PerGB2018'
    }
    retentionInDays: retentionInDays
    workspaceCapping: {
      dailyQuotaGb: dailyQuotaGb
    }
    features: {
      disableLocalAuth: true
    }
  }
}

resource applicationInsights 'Microsoft.Insights/components@2020-02-02' = {
  name: applicationInsightsName
  location: location
  tags: tags
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: logAnalytics.id
    DisableLocalAuth: true // ingestion needs a Microsoft Entra token (Monitoring Metrics Publisher)
    IngestionMode: 'LogAnalytics'
    publicNetworkAccessForIngestion: 'Enabled'
    publicNetworkAccessForQuery: 'Enabled'
  }
}

@description('The name of the Application Insights component.')
output applicationInsightsName string = applicationInsights.name

@description('The resource ID of the Application Insights component (scope of the alerts, the workbook and the Monitoring Metrics Publisher role).')
output applicationInsightsId string = applicationInsights.id

@description('The Application Insights connection string. It identifies the component; with local auth disabled it grants nothing without a Microsoft Entra token.')
output connectionString string = applicationInsights.properties.ConnectionString

@description('The resource ID of the Log Analytics workspace.')
output logAnalyticsId string = logAnalytics.id

@description('The name of the Log Analytics workspace.')
output logAnalyticsName string = logAnalytics.name
