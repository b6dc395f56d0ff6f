/**
 * What the editor opens with: a complete template that needs no skeleton
 * folder, so a dry-run works at once and shows every part of the format.
 */
export const STARTER_TEMPLATE = `apiVersion: scaffolder.backstage.io/v1beta3
kind: Template
metadata:
  name: starter
  title: Starter template
  description: Writes a catalog-info.yaml for a new component
spec:
  owner: group:default/platform
  type: service
  parameters:
    - title: About the component
      required: [name, owner]
      properties:
        name:
          title: Name
          type: string
          ui:field: EntityNamePicker
          ui:autofocus: true
        owner:
          title: Owner
          type: string
          ui:field: OwnerPicker
        kind:
          title: Kind of component
          type: string
          enum: [service, website, library]
          default: service
  steps:
    - id: write
      name: Write the entity
      action: catalog:write
      input:
        entity:
          apiVersion: backstage.io/v1alpha1
          kind: Component
          metadata:
            name: \${{ parameters.name }}
          spec:
            type: \${{ parameters.kind }}
            owner: \${{ parameters.owner }}
            lifecycle: experimental
    - id: log
      name: Say what happened
      action: debug:log
      input:
        message: Wrote catalog-info.yaml for \${{ parameters.name }}
        listWorkspace: true
  output:
    text:
      - title: Next
        content: Publish it with publish:git or publish:github, then register it with catalog:register.
`;
