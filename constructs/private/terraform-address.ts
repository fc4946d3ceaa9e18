import { IResolveContext, TerraformResource, Token } from 'cdktf';

/** `depends_on` takes bare addresses (`docker_container.x`), not interpolations. */
export function dependsOnReference(resource: TerraformResource): string {
  return Token.asString({
    // Stryker disable next-line ArrayDeclaration: equivalent (a trace cdktf prints only in its own errors)
    creationStack: [],
    resolve: (context: IResolveContext) => {
      context.suppressBraces = true;
      return resource.fqn;
    },
    // Stryker disable next-line ArrowFunction: equivalent (Token.asString registers the object and resolves it through resolve(); its toString is not called)
    toString: () => resource.fqn,
  });
}
