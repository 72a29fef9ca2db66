from modeltranslation.translator import TranslationOptions, register

from bulletins.models import AboutBlock, Article, ArticleImage, Bulletin, ContactBlock, Viewpoint


@register(ContactBlock)
class ContactBlockTranslationOptions(TranslationOptions):
    fields = ("organization_names", "address", "wechat")


@register(AboutBlock)
class AboutBlockTranslationOptions(TranslationOptions):
    fields = ("text",)


@register(Bulletin)
class BulletinTranslationOptions(TranslationOptions):
    fields = ("title", "summary", "cover_image_alt")


@register(Article)
class ArticleTranslationOptions(TranslationOptions):
    fields = ("kicker", "headline", "body", "viewpoints_heading")


@register(ArticleImage)
class ArticleImageTranslationOptions(TranslationOptions):
    fields = ("alt_text", "caption", "credit")


@register(Viewpoint)
class ViewpointTranslationOptions(TranslationOptions):
    fields = ("speaker_label", "speaker_title", "statement")
