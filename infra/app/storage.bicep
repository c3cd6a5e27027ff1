metadata description = 'The storage account of the Function App: host state, the deployment package, the pipeline queues, the tables, the rules blob and the subscriber exports. Shared keys are off: every client uses Microsoft Entra ID. Blobs are versioned and soft-deleted; exports and old versions expire by lifecycle policy; an optional lock keeps the account from deletion.'

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

@description('Required. Private blob container for scheduled subscriber exports (personal data: expires after `exportRetentionDays`).')
param exportContainerName string

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

@description('Optional. Days a deleted or overwritten blob (a soft-deleted version) and a deleted container can be restored.')
@minValue(1)
@maxValue(365)
param softDeleteRetentionDays int = 7

@description('Optional. Days a previous blob version is kept before the lifecycle policy deletes it (an overwritten rules file, template or deployment package; host state blobs make many).')
@minValue(1)
param versionRetentionDays int = 30

@description('Optional. Days a subscriber export is kept (from its last change) before the lifecycle policy deletes it and its versions. Soft delete keeps it `softDeleteRetentionDays` longer.')
@minValue(1)
param exportRetentionDays int = 30

@description('Optional. A CanNotDelete lock on the storage account: the subscribers, ledgers and exports survive a mistaken delete of the account or the resource group. `azd down` fails until the lock is removed.')
param deleteLock bool = false

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
      // Every overwrite keeps the previous version (an export, a rules file, a deployment package can be restored);
      // the lifecycle policy below deletes old versions.
      isVersioningEnabled: true
      deleteRetentionPolicy: {
        enabled: true
        days: softDeleteRetentionDays
      }
      containerDeleteRetentionPolicy: {
        enabled: true
        days: softDeleteRetentionDays
      }
    }

    resource deploymentContainer 'containers' = {
      name: deploymentContainerName
      properties: {
        publicAccess: 'None'
      }
    }

    resource exportContainer 'containers' = {
      name: exportContainerName
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

  // Runs once a day: subscriber exports expire (personal data is kept no longer than needed), old versions go.
  resource lifecycle 'managementPolicies' = {
    name: 'default'
    properties: {
      policy: {
        rules: [
          {
            name: 'exports-expire'
            enabled: true
            type: 'Lifecycle'
            definition: {
              filters: {
                blobTypes: [
                  'blockBlob'
                ]
                prefixMatch: [
                  '${exportContainerName}/'
                ]
              }
              actions: {
                baseBlob: {
                  delete: {
                    daysAfterModificationGreaterThan: exportRetentionDays
                  }
                }
                version: {
                  delete: {
                    daysAfterCreationGreaterThan: exportRetentionDays
                  }
                }
              }
            }
          }
          {
            name: 'old-versions-expire'
            enabled: true
            type: 'Lifecycle'
            definition: {
              filters: {
                blobTypes: [
                  'blockBlob'
                ]
              }
              actions: {
                version: {
                  delete: {
                    daysAfterCreationGreaterThan: versionRetentionDays
                  }
                }
              }
            }
          }
        ]
      }
    }
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

resource storageLock 'Microsoft.Authorization/locks@2020-05-01' = if (deleteLock) {
  name: 'campaignflow-data-keep'
  scope: storage
  properties: {
    level: 'CanNotDelete'
    notes: 'Subscribers, ledgers and exports live here. Remove this lock (storageDeleteLock=false) before azd down.'
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
