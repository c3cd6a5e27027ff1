metadata description = 'The operators\' Azure Monitor workbook (serialized from workbook.json) over the Application Insights component.'

@description('Required. Display name of the workbook in the portal.')
param displayName string

@description('Required. Azure region of the workbook.')
param location string

@description('Optional. Tags applied to the workbook.')
param tags object = {}

@description('Required. Resource ID of the Application Insights component the workbook queries.')
param applicationInsightsId string

resource workbook 'Microsoft.Insights/workbooks@2023-06-01' = {
  name: guid(resourceGroup().id, 'campaignflow-operations-workbook') // workbook names must be GUIDs
  location: location
  tags: tags
  kind: 'shared'
  properties: {
    displayName: displayName
    category: 'workbook'
    sourceId: applicationInsightsId
    version: 'Notebook/1.0'
    serializedData: loadTextContent('workbook.json')
  }
}

@description('The resource ID of the workbook.')
output resourceId string = workbook.id

@description('The resource name (GUID) of the workbook.')
output name string = workbook.name
