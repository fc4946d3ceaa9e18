import { IResolveContext, TerraformResource, Token } from 'cdktf';

/** `depends_on` takes bare addresses (`docker_container.x`), not interpolations. */
export function dependsOnReference(resource: TerraformResource): string {
  return Token.asString({
    creationStack: [],
    resolve: (context: IResolveContext) => {
      context.suppressBraces = true;
      return resource.fqn;
    },
    toString: () => resource.fqn,
  });
}
