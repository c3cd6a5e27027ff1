metadata description = 'The storage account of the Function App: host state, the deployment package, the pipeline queues, the tables and the rules blob. Shared keys are off: every client uses Microsoft Entra ID.'

@description('Required. Name of the storage account (3-24 lowercase letters and digits).')
@minLength(3)
@maxLength(24)
param name string

@description('Required. Azure region of the storage account.')
param location string

@description('Optional. Tags applied to the storage account.')
param tags object = {}

@description('Required. Blob container that holds the Flex Consumption deployment package.')
param deploymentContainerName string

@description('Required. Blob containers the app uses (besides the deployment container), e.g. `config` for the classification rules.')
param containerNames string[]

@description('Required. Queues between the pipeline stages. Their `-poison` counterparts are created by the Functions host on first failure.')
param queueNames string[]

@description('Required. Tables the app uses (feed state, story ledger, subscribers, delivery ledger, sign-up rate limits).')
param tableNames string[]

@description('Optional. Storage redundancy.')
@allowed([
  'Standard_LRS'
  'Standard_ZRS'
  'Standard_GRS'
])
param skuName string = 'Standard_LRS'

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: name
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: {
    name: skuName
  }
  properties: {
    accessTier: 'Hot'
    allowBlobPublicAccess: false
    allowSharedKeyAccess: false // identity only: no account key or SAS can reach the data
    allowCrossTenantReplication: false
    defaultToOAuthAuthentication: true
    dnsEndpointType: 'Standard'
    minimumTlsVersion: 'TLS1_2'
    publicNetworkAccess: 'Enabled'
    supportsHttpsTrafficOnly: true
    networkAcls: {
      bypass: 'AzureServices'
      defaultAction: 'Allow'
    }
  }

  resource blobService 'blobServices' = {
    name: 'default'
    properties: {
      deleteRetentionPolicy: {
        enabled: true
        days: 7 // an overwritten rules file or deployment package can be undeleted for a week
      }
    }

    resource deploymentContainer 'containers' = {
      name: deploymentContainerName
      properties: {
        publicAccess: 'None'
      }
    }

    resource containers 'containers' = [
      for containerName in containerNames: {
        name: containerName
        properties: {
          publicAccess: 'None'
        }
      }
    ]
  }

  resource queueService 'queueServices' = {
    name: 'default'

    resource queues 'queues' = [
      for queueName in queueNames: {
        name: queueName
      }
    ]
  }

  resource tableService 'tableServices' = {
    name: 'default'

    resource tables 'tables' = [
      for tableName in tableNames: {
        name: tableName
      }
    ]
  }
}

@description('The name of the storage account.')
output name string = storage.name

@description('The resource ID of the storage account (scope of the data-plane role assignments).')
output resourceId string = storage.id

@description('The blob service endpoint, e.g. `https://<name>.blob.core.windows.net/`.')
output blobEndpoint string = storage.properties.primaryEndpoints.blob

@description('The queue service endpoint, e.g. `https://<name>.queue.core.windows.net/`.')
output queueEndpoint string = storage.properties.primaryEndpoints.queue

@description('The table service endpoint, e.g. `https://<name>.table.core.windows.net/`.')
output tableEndpoint string = storage.properties.primaryEndpoints.table
